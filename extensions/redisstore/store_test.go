package redisstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/limitstore/storetest"
	"github.com/claudego/claude/extensions/redisstore"
)

// TestConformance runs the limitstore suite against a real redis-server.
func TestConformance(t *testing.T) {
	r := startRedis(t)
	s, err := redisstore.New(redisstore.Config{Client: r.client()})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Run(t, s, uniquePrefix(t), time.Now(), time.Sleep)
}

// TestUnreachable: failing closed returns ErrUnavailable; failing open
// counts locally and reports each failure.
func TestUnreachable(t *testing.T) {
	r := startRedis(t)
	c := r.client()
	r.stop()
	exp := time.Now().Add(time.Minute)
	cs := []limitstore.Counter{{Key: "k", Add: 1, Max: 1, ExpireAt: exp}}

	var mu sync.Mutex
	var reported []error
	onErr := func(err error) { mu.Lock(); reported = append(reported, err); mu.Unlock() }
	closed, _ := redisstore.New(redisstore.Config{Client: c, OnError: onErr})
	if _, _, err := closed.Take(context.Background(), cs); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("fail closed: %v", err)
	}
	open, _ := redisstore.New(redisstore.Config{Client: c, FailOpen: true, OnError: onErr})
	if _, refused, err := open.Take(context.Background(), cs); err != nil || refused != -1 {
		t.Fatalf("fail open, first: %d %v", refused, err)
	}
	if _, refused, err := open.Take(context.Background(), cs); err != nil || refused != 0 {
		t.Fatalf("fail open keeps local limits: %d %v", refused, err)
	}
	if len(reported) != 3 {
		t.Fatalf("reported %d failures, want 3: %v", len(reported), reported)
	}
	if _, err := redisstore.New(redisstore.Config{}); err == nil {
		t.Fatal("nil client accepted")
	}
}

// TestBucketKeyExpiresWhenFull: a bucket's key lives only until it has
// refilled: Redis keeps nothing for a full bucket.
func TestBucketKeyExpiresWhenFull(t *testing.T) {
	r := startRedis(t)
	rc := r.client()
	s, err := redisstore.New(redisstore.Config{Client: rc})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := uniquePrefix(t) + ":requests"
	// Half a bucket of 10 a second: full again within half a second.
	c := limitstore.Counter{Key: key, Add: 5, Max: 10, Refill: time.Second}
	if _, refused, err := s.Take(ctx, []limitstore.Counter{c}); err != nil || refused != -1 {
		t.Fatalf("take: %d %v", refused, err)
	}
	ttl, err := rc.PTTL(ctx, key).Result()
	if err != nil || ttl <= 0 || ttl > 502*time.Millisecond {
		t.Fatalf("key expires in %v (%v), want within the 500 ms its refill takes (and 2 ms of rounding up)", ttl, err)
	}
	time.Sleep(600 * time.Millisecond)
	if n, err := rc.Exists(ctx, key).Result(); err != nil || n != 0 {
		t.Fatalf("the key of a full bucket is still there: %d %v", n, err)
	}
}

package limitstore

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestMemoryRecentKeysFollowTheMap: the entries Memory remembers by a key
// string's pointer are the map's: an entry Get drops (expired) or a sweep
// removes is not written through a stale pointer, and the same key in
// another string reaches the same counter.
func TestMemoryRecentKeysFollowTheMap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	s := &Memory{Now: func() time.Time { return now }}
	key := "claude:quota:day:1:*:requests"
	take := func(k string, add int64, exp time.Time) int64 {
		t.Helper()
		vals, refused, err := s.Take(ctx, []Counter{{Key: k, Add: add, Max: 100, ExpireAt: exp}})
		if err != nil || refused >= 0 {
			t.Fatalf("take %s: %d %v", k, refused, err)
		}
		return vals[0]
	}
	end := now.Add(time.Minute)
	take(key, 3, end)
	other := strings.Clone(key) // same bytes, another pointer
	if got := take(other, 4, end); got != 7 {
		t.Fatalf("the same key in another string: %d, want 7", got)
	}

	// The window ends; Get drops the entry. The next Take, with the very
	// string remembered, starts a new count that Get sees.
	now = end
	if v, _ := s.Get(ctx, []string{key}); v[0] != 0 {
		t.Fatalf("expired: %d", v[0])
	}
	end = now.Add(time.Minute)
	if got := take(key, 5, end); got != 5 {
		t.Fatalf("after expiry: %d, want 5", got)
	}
	if e := s.m[key]; e == nil || e.v != 5 {
		t.Fatalf("the map after expiry: %+v, want a count of 5 (written to a dropped entry?)", e)
	}

	// A sweep removes the expired entry while its key is remembered: the
	// next new key is the one that sweeps.
	now = end
	s.inserts = sweepEvery - 1
	take("another key", 1, now.Add(time.Hour))
	if _, ok := s.m[key]; ok {
		t.Fatal("the sweep kept an expired key")
	}
	if got := take(key, 2, now.Add(time.Minute)); got != 2 {
		t.Fatalf("after the sweep: %d, want 2", got)
	}
	if e := s.m[key]; e == nil || e.v != 2 {
		t.Fatalf("the map after the sweep: %+v, want a count of 2", e)
	}
}

package redisstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/redisstore"
)

// TestSameAsMemory runs one fixed sequence of 2,000 operations (Take, Add,
// Raise, Get over two windowed counters and two buckets, seeded, so every
// run is the same) against limitstore.Memory and against a real
// redis-server, and wants the same answer from both at every step: the two
// stores keep one semantics. The buckets refill Max per 1000 hours, so the
// milliseconds between the two stores' clocks drain less than the rounding
// up hides.
func TestSameAsMemory(t *testing.T) {
	r := startRedis(t)
	rs, err := redisstore.New(redisstore.Config{Client: r.client()})
	if err != nil {
		t.Fatal(err)
	}
	mem := limitstore.NewMemory()
	ctx := context.Background()
	prefix := uniquePrefix(t)
	exp := time.Now().Add(time.Hour)
	counter := func(k int, add int64) limitstore.Counter {
		c := limitstore.Counter{Key: fmt.Sprintf("%s:%d", prefix, k), Add: add, Max: []int64{50, 0, 40, 1000}[k], ExpireAt: exp}
		if k >= 2 {
			c.Refill = 1000 * time.Hour
		}
		return c
	}
	rng := rand.New(rand.NewPCG(13, 13))
	for step := range 2000 {
		var cs []limitstore.Counter
		for _, k := range rng.Perm(4)[:1+rng.IntN(4)] {
			cs = append(cs, counter(k, rng.Int64N(30)-8))
		}
		op := rng.IntN(4)
		var gotM, gotR string
		switch op {
		case 0:
			vm, rm, em := mem.Take(ctx, cs)
			vr, rr, er := rs.Take(ctx, cs)
			gotM, gotR = fmt.Sprint(vm, rm, em), fmt.Sprint(vr, rr, er)
		case 1:
			gotM, gotR = fmt.Sprint(mem.Add(ctx, cs)), fmt.Sprint(rs.Add(ctx, cs))
		case 2:
			vm, em := mem.Raise(ctx, cs)
			vr, er := rs.Raise(ctx, cs)
			gotM, gotR = fmt.Sprint(vm, em), fmt.Sprint(vr, er)
		default:
			keys := make([]string, len(cs))
			for i, c := range cs {
				keys[i] = c.Key
			}
			vm, em := mem.Get(ctx, keys)
			vr, er := rs.Get(ctx, keys)
			gotM, gotR = fmt.Sprint(vm, em), fmt.Sprint(vr, er)
		}
		if gotM != gotR {
			t.Fatalf("step %d, op %d on %+v: memory %s, redis %s", step, op, slices.Clone(cs), gotM, gotR)
		}
	}
}

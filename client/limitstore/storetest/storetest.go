package storetest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client/limitstore"
)

// Run checks s. Keys are prefixed with prefix so several runs can share one
// backend. now is the time the store believes it is (for ExpireAt), and
// advance moves the store's clock forward by at least d: a fake clock's
// step, or a sleep for a store that reads a real one (Redis). Checks after
// an advance only bound what time at least d more allows, so a slow
// machine never fails them.
func Run(t *testing.T, s limitstore.Store, prefix string, now time.Time, advance func(d time.Duration)) {
	t.Helper()
	ctx := context.Background()
	exp := now.Add(time.Hour)
	k := func(n string) string { return prefix + ":" + n }

	t.Run("take adds all or nothing", func(t *testing.T) {
		cs := []limitstore.Counter{{Key: k("a"), Add: 3, Max: 6, ExpireAt: exp}, {Key: k("b"), Add: 10, Max: 12, ExpireAt: exp}}
		vals, refused, err := s.Take(ctx, cs)
		if err != nil || refused != -1 || vals[0] != 3 || vals[1] != 10 {
			t.Fatalf("first take: %v %d %v", vals, refused, err)
		}
		vals, refused, err = s.Take(ctx, cs)
		if err != nil || refused != 1 || vals[0] != 3 || vals[1] != 10 {
			t.Fatalf("second take: %v refused %d %v; want refused by counter 1 and nothing added", vals, refused, err)
		}
		got, err := s.Get(ctx, []string{k("a"), k("b"), k("missing")})
		if err != nil || got[0] != 3 || got[1] != 10 || got[2] != 0 {
			t.Fatalf("get after refusal: %v %v", got, err)
		}
	})

	t.Run("no max counts only; add corrects", func(t *testing.T) {
		if _, refused, err := s.Take(ctx, []limitstore.Counter{{Key: k("c"), Add: 1 << 40, ExpireAt: exp}}); err != nil || refused != -1 {
			t.Fatalf("take without max: %d %v", refused, err)
		}
		if err := s.Add(ctx, []limitstore.Counter{{Key: k("c"), Add: -(1 << 40) + 7, ExpireAt: exp}}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Get(ctx, []string{k("c")}); err != nil || got[0] != 7 {
			t.Fatalf("after correction: %v %v", got, err)
		}
	})

	t.Run("expired window starts at zero", func(t *testing.T) {
		past := []limitstore.Counter{{Key: k("d"), Add: 4, Max: 4, ExpireAt: now.Add(-time.Second)}}
		if err := s.Add(ctx, past); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Get(ctx, []string{k("d")}); err != nil || got[0] != 0 {
			t.Fatalf("expired counter reads %v %v", got, err)
		}
	})

	t.Run("empty key refused", func(t *testing.T) {
		if _, _, err := s.Take(ctx, []limitstore.Counter{{Key: "", Add: 1, ExpireAt: exp}}); err == nil {
			t.Fatal("empty key accepted")
		}
	})

	t.Run("concurrent takes never pass the max", func(t *testing.T) {
		const max = 50
		granted := takeConcurrently(ctx, t, s, limitstore.Counter{Key: k("e"), Add: 1, Max: max, ExpireAt: exp})
		got, err := s.Get(ctx, []string{k("e")})
		if err != nil || granted != max || got[0] != max {
			t.Fatalf("granted %d, counter %v (%v); want exactly %d", granted, got, err, max)
		}
	})

	t.Run("cancelled context", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := s.Take(cctx, []limitstore.Counter{{Key: k("f"), Add: 1, ExpireAt: exp}}); err == nil {
			t.Fatal("take on a cancelled context succeeded")
		}
	})

	runRaise(t, s, k, exp)
	runBuckets(t, s, k, exp, advance)
}

// runRaise checks Raise: a floor, atomic across any number of callers.
func runRaise(t *testing.T, s limitstore.Store, k func(string) string, exp time.Time) {
	ctx := context.Background()
	t.Run("raise sets a floor and returns the values before", func(t *testing.T) {
		if err := s.Add(ctx, []limitstore.Counter{{Key: k("r1"), Add: 3, ExpireAt: exp}}); err != nil {
			t.Fatal(err)
		}
		before, err := s.Raise(ctx, []limitstore.Counter{{Key: k("r1"), Add: 5, ExpireAt: exp}, {Key: k("r2"), Add: 9, ExpireAt: exp}})
		if err != nil || before[0] != 3 || before[1] != 0 {
			t.Fatalf("raise: before %v %v, want [3 0]", before, err)
		}
		before, err = s.Raise(ctx, []limitstore.Counter{{Key: k("r1"), Add: 4, ExpireAt: exp}})
		if err != nil || before[0] != 5 {
			t.Fatalf("raise below the value: before %v %v", before, err)
		}
		if got, err := s.Get(ctx, []string{k("r1"), k("r2")}); err != nil || got[0] != 5 || got[1] != 9 {
			t.Fatalf("after raises: %v %v, want [5 9] (a raise never lowers)", got, err)
		}
	})

	t.Run("concurrent raises end at the figure, not a sum", func(t *testing.T) {
		const workers = 16
		if err := s.Add(ctx, []limitstore.Counter{{Key: k("r3"), Add: 40, ExpireAt: exp}}); err != nil {
			t.Fatal(err)
		}
		var raised atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				before, err := s.Raise(ctx, []limitstore.Counter{{Key: k("r3"), Add: 100, ExpireAt: exp}})
				if err != nil {
					t.Error(err)
					return
				}
				if before[0] < 100 {
					raised.Add(1)
				}
			})
		}
		wg.Wait()
		got, err := s.Get(ctx, []string{k("r3")})
		if err != nil || got[0] != 100 || raised.Load() != 1 {
			t.Fatalf("%d workers raised 40 to 100: counter %v (%v), %d saw it below 100; want 100 and one", workers, got, err, raised.Load())
		}
	})
}

// runBuckets checks counters with Refill: token buckets kept as their
// spend. Exact checks use a refill so slow (Max per 1000 hours) that a run
// drains less than a unit, which the store's rounding up hides.
func runBuckets(t *testing.T, s limitstore.Store, k func(string) string, exp time.Time, advance func(time.Duration)) {
	ctx := context.Background()
	const slow = 1000 * time.Hour
	bucket := func(n string, add, max int64, refill time.Duration) limitstore.Counter {
		return limitstore.Counter{Key: k(n), Add: add, Max: max, Refill: refill}
	}

	t.Run("bucket takes up to its capacity, all or nothing", func(t *testing.T) {
		for i := 1; i <= 10; i++ {
			vals, refused, err := s.Take(ctx, []limitstore.Counter{bucket("b1", 1, 10, slow)})
			if err != nil || refused != -1 || vals[0] != int64(i) {
				t.Fatalf("take %d: %v %d %v", i, vals, refused, err)
			}
		}
		cs := []limitstore.Counter{bucket("b2", 1, 10, slow), bucket("b1", 1, 10, slow)}
		vals, refused, err := s.Take(ctx, cs)
		if err != nil || refused != 1 || vals[0] != 0 || vals[1] != 10 {
			t.Fatalf("take from a full bucket: %v refused %d %v; want refused by counter 1, nothing added", vals, refused, err)
		}
	})

	t.Run("bucket corrections give back and charge", func(t *testing.T) {
		if _, refused, err := s.Take(ctx, []limitstore.Counter{bucket("b3", 8, 10, slow)}); err != nil || refused != -1 {
			t.Fatalf("take: %d %v", refused, err)
		}
		if err := s.Add(ctx, []limitstore.Counter{bucket("b3", -5, 10, slow)}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Get(ctx, []string{k("b3")}); err != nil || got[0] != 3 {
			t.Fatalf("after a refund of 5: %v %v, want 3", got, err)
		}
		// Used more than estimated: the bucket goes into debt past its Max
		// and the next call waits for it.
		if err := s.Add(ctx, []limitstore.Counter{bucket("b3", 20, 10, slow)}); err != nil {
			t.Fatal(err)
		}
		vals, refused, err := s.Take(ctx, []limitstore.Counter{bucket("b3", 1, 10, slow)})
		if err != nil || refused != 0 || vals[0] != 23 {
			t.Fatalf("take from a bucket in debt: %v %d %v, want refused at 23", vals, refused, err)
		}
		// A refund never leaves it below empty.
		if err := s.Add(ctx, []limitstore.Counter{bucket("b3", -100, 10, slow)}); err != nil {
			t.Fatal(err)
		}
		if vals, refused, err := s.Take(ctx, []limitstore.Counter{bucket("b3", 10, 10, slow)}); err != nil || refused != -1 || vals[0] != 10 {
			t.Fatalf("after refunding more than spent: %v %d %v, want a full bucket", vals, refused, err)
		}
	})

	t.Run("bucket refills continuously", func(t *testing.T) {
		const refill = 200 * time.Millisecond
		if _, refused, err := s.Take(ctx, []limitstore.Counter{bucket("b4", 1000, 1000, refill)}); err != nil || refused != -1 {
			t.Fatalf("take: %d %v", refused, err)
		}
		advance(refill / 2)
		// At least half has refilled, whatever else the machine did.
		got, err := s.Get(ctx, []string{k("b4")})
		if err != nil || got[0] > 500 {
			t.Fatalf("half a refill later the bucket holds %v (%v) spent, want at most 500", got, err)
		}
		if _, refused, err := s.Take(ctx, []limitstore.Counter{bucket("b4", 500, 1000, refill)}); err != nil || refused != -1 {
			t.Fatalf("half the bucket after half a refill: %d %v", refused, err)
		}
		advance(2 * refill)
		if got, err := s.Get(ctx, []string{k("b4")}); err != nil || got[0] != 0 {
			t.Fatalf("two refills later: %v %v, want drained", got, err)
		}
	})

	t.Run("bucket raise sets a floor", func(t *testing.T) {
		if err := s.Add(ctx, []limitstore.Counter{bucket("b5", 4, 10, slow)}); err != nil {
			t.Fatal(err)
		}
		before, err := s.Raise(ctx, []limitstore.Counter{bucket("b5", 7, 10, slow)})
		if err != nil || before[0] != 4 {
			t.Fatalf("raise: %v %v", before, err)
		}
		if got, err := s.Get(ctx, []string{k("b5")}); err != nil || got[0] != 7 {
			t.Fatalf("after raise: %v %v, want 7", got, err)
		}
	})

	t.Run("concurrent takes never pass a bucket's capacity", func(t *testing.T) {
		const capacity = 50
		if granted := takeConcurrently(ctx, t, s, bucket("b6", 1, capacity, slow)); granted != capacity {
			t.Fatalf("granted %d from a bucket of %d", granted, capacity)
		}
	})

	t.Run("a key keeps its kind", func(t *testing.T) {
		if err := s.Add(ctx, []limitstore.Counter{{Key: k("kind"), Add: 1, ExpireAt: exp}}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Take(ctx, []limitstore.Counter{bucket("kind", 1, 10, slow)}); !errors.Is(err, limitstore.ErrKind) {
			t.Fatalf("a bucket taken from a windowed key: %v, want ErrKind", err)
		}
		if err := s.Add(ctx, []limitstore.Counter{bucket("b1", 1, 10, slow)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Add(ctx, []limitstore.Counter{{Key: k("b1"), Add: 1, ExpireAt: exp}}); !errors.Is(err, limitstore.ErrKind) {
			t.Fatalf("a window added to a bucket's key: %v, want ErrKind", err)
		}
	})

	t.Run("a bucket needs its Max", func(t *testing.T) {
		if err := s.Add(ctx, []limitstore.Counter{bucket("b7", 1, 0, slow)}); err == nil {
			t.Fatal("a bucket without Max accepted")
		}
	})
}

// takeConcurrently takes c 160 times, from 8 goroutines at once, and
// returns how many takes were granted.
func takeConcurrently(ctx context.Context, t *testing.T, s limitstore.Store, c limitstore.Counter) int64 {
	const workers, each = 8, 20
	var ok atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				_, refused, err := s.Take(ctx, []limitstore.Counter{c})
				if err != nil {
					t.Error(err)
					return
				}
				if refused < 0 {
					ok.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return ok.Load()
}

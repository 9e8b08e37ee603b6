package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client/limitstore"
)

// Run checks s. Keys are prefixed with prefix so several runs can share one
// backend. now is the time the store believes it is (for ExpireAt).
func Run(t *testing.T, s limitstore.Store, prefix string, now time.Time) {
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
		const max, workers, each = 50, 8, 20
		var ok atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					_, refused, err := s.Take(ctx, []limitstore.Counter{{Key: k("e"), Add: 1, Max: max, ExpireAt: exp}})
					if err != nil {
						t.Error(err)
						return
					}
					if refused < 0 {
						ok.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		got, err := s.Get(ctx, []string{k("e")})
		if err != nil || ok.Load() != max || got[0] != max {
			t.Fatalf("granted %d, counter %v (%v); want exactly %d", ok.Load(), got, err, max)
		}
	})

	t.Run("cancelled context", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := s.Take(cctx, []limitstore.Counter{{Key: k("f"), Add: 1, ExpireAt: exp}}); err == nil {
			t.Fatal("take on a cancelled context succeeded")
		}
	})
}

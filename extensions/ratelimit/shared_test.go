package ratelimit_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/limitstore/storetest"
	"github.com/claudego/claude/extensions/ratelimit"
)

// TestSharedStoreLimitsTheFleet: three limiters (three clients, or three
// processes) keeping their limit in one Store send 30 calls as fast as they
// can under a shared limit of 10 a minute, starting a second before a
// calendar minute ends (where counting calendar minutes let 20 through in
// 2 s: 10 at :59 and 10 at :00). The server's clock (the bubble's) sees the bucket the API limits
// with: a full bucket of 10 at once, then one call every 6 s as it refills,
// no stretch of time holding more than 10 + 10*t/60 calls, and the last of
// the 30 at 120 s, where three local limiters would have sent all 30 at
// once.
func TestSharedStoreLimitsTheFleet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const limit = 10
		time.Sleep(time.Until(time.Now().Truncate(time.Minute).Add(59 * time.Second)))
		store := limitstore.NewMemory()
		start := time.Now()
		var mu sync.Mutex
		var arrivals []time.Time
		next, n := fixed(func(int) answer {
			mu.Lock()
			arrivals = append(arrivals, time.Now())
			mu.Unlock()
			return answer{status: 200}
		})
		var wg sync.WaitGroup
		for w := 0; w < 3; w++ {
			rt := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: limit, Store: store, Namespace: "org-1"}).Middleware(next)
			wg.Go(func() {
				for i := 0; i < 10; i++ {
					if _, err := send(context.Background(), rt, "{}"); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		got := storetest.MeasureArrivals(arrivals, limit, time.Minute)
		inTwoSeconds := storetest.MeasureArrivals(arrivals, limit, 2*time.Second).MaxInWindow
		if *n != 30 || got.Excess > 0 || inTwoSeconds != limit {
			t.Fatalf("%d calls: %+v, %d in the busiest 2 s; want none over the bucket and %d in 2 s", *n, got, inTwoSeconds, limit)
		}
		if got.MaxInWindow != 2*limit-1 {
			t.Errorf("busiest minute held %d calls, want %d: a full bucket, then 9 refills of one", got.MaxInWindow, 2*limit-1)
		}
		if took := time.Since(start); took != 2*time.Minute {
			t.Errorf("took %v, want 20 refills of 6 s after the first 10", took)
		}
		// Once drained, no minute holds more than the limit.
		var steady []time.Time
		for _, a := range arrivals {
			if a.After(start) {
				steady = append(steady, a)
			}
		}
		if m := storetest.MeasureArrivals(steady, limit, time.Minute).MaxInWindow; m != limit {
			t.Errorf("after the first burst a minute held %d calls, want %d", m, limit)
		}
	})
}

// TestSharedStoreCorrectsTokens: a call takes its estimate (body size / 4
// input, max_tokens output) from the shared buckets and gives back what the
// reply says it did not use, so the next call fits at once.
func TestSharedStoreCorrectsTokens(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := limitstore.NewMemory()
		l := ratelimit.NewLimiter(ratelimit.Config{InputTokensPerMinute: 1000, OutputTokensPerMinute: 500, Store: store, Mode: ratelimit.Reject})
		next, n := fixed(func(int) answer { return answer{status: 200} }) // usage: 10 in, 5 out
		rt := l.Middleware(next)
		body := `{"max_tokens":400,"messages":"` + strings.Repeat("x", 3000) + `"}`
		for i := 0; i < 3; i++ {
			if _, err := send(context.Background(), rt, body); err != nil {
				t.Fatalf("call %d: %v (estimates were not corrected)", i, err)
			}
		}
		// The buckets count thousandths, and no time passed in the bubble.
		got, err := store.Get(context.Background(), []string{"claude:ratelimit:input_tokens", "claude:ratelimit:output_tokens"})
		if err != nil || *n != 3 || got[0] != 30_000 || got[1] != 15_000 {
			t.Fatalf("store holds %v (%v) after %d calls, want [30000 15000]", got, err, *n)
		}
		// One call needing more than what is left of the minute is refused.
		if _, err := send(context.Background(), rt, `{"max_tokens":490}`); err == nil {
			t.Fatal("a call past the shared output limit went")
		}
	})
}

// TestSharedStoreQueuesInOrder: with the output budget kept in a Store,
// three workers send small calls (100 tokens each) back to back, and a
// large one (900) asks once the bucket is empty. It reserves its place and
// goes when the bucket has refilled the calls ahead of it and itself, long
// before the small calls are done, where asking again each time it might
// fit starved it until they all were.
func TestSharedStoreQueuesInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := limitstore.NewMemory()
		start := time.Now()
		next, _ := fixed(func(int) answer { return answer{status: 200, body: "{}"} }) // no usage: estimates stand
		var wg sync.WaitGroup
		var smallDone time.Time
		var mu sync.Mutex
		for range 3 {
			rt := ratelimit.NewLimiter(ratelimit.Config{OutputTokensPerMinute: 1000, Store: store}).Middleware(next)
			wg.Go(func() {
				for range 20 {
					if _, err := send(context.Background(), rt, `{"max_tokens":100}`); err != nil {
						t.Error(err)
					}
				}
				mu.Lock()
				smallDone = time.Now()
				mu.Unlock()
			})
		}
		time.Sleep(time.Second)
		big := ratelimit.NewLimiter(ratelimit.Config{OutputTokensPerMinute: 1000, Store: store}).Middleware(next)
		if _, err := send(context.Background(), big, `{"max_tokens":900}`); err != nil {
			t.Fatal(err)
		}
		bigAt := time.Since(start)
		wg.Wait()
		// 60 small calls and the large one are 6,900 tokens at 1,000 a
		// minute: the last goes after 5.9 minutes. The large one asked at
		// 1 s and found the bucket full and three small calls queued: 300 +
		// 900 tokens past its capacity, less the 1 s of refill, are 71 s
		// more (to the millisecond: the buckets count thousandths).
		if want := 72 * time.Second; bigAt.Round(time.Millisecond) != want || smallDone.Sub(start) != 354*time.Second {
			t.Fatalf("large call went at %v (want %v), small calls done at %v (want 5m54s)", bigAt, want, smallDone.Sub(start))
		}
	})
}

// TestSharedStoreGivesBackACancelledTurn: a call that reserved its turn and
// is cancelled while it waits gives the turn back, so the next call goes
// when the bucket has refilled one request (6 s at 10 a minute), not two.
func TestSharedStoreGivesBackACancelledTurn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := limitstore.NewMemory()
		start := time.Now()
		next, n := fixed(func(int) answer { return answer{status: 200} })
		rt := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 10, Store: store}).Middleware(next)
		for range 10 {
			if _, err := send(context.Background(), rt, "{}"); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		if _, err := send(ctx, rt, "{}"); !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled while waiting its turn: %v", err)
		}
		if _, err := send(context.Background(), rt, "{}"); err != nil {
			t.Fatal(err)
		}
		// Late by at most a thousandth's refill (6 ms): the store rounds
		// the bucket's spend up to whole thousandths.
		if took := time.Since(start); *n != 11 || took < 6*time.Second || took > 6*time.Second+6*time.Millisecond {
			t.Fatalf("%d calls sent; the next went at %v, want 6s", *n, took)
		}
	})
}

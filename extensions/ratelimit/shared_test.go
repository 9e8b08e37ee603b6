package ratelimit_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/ratelimit"
)

// TestSharedStoreLimitsTheFleet: three limiters (three clients, or three
// processes) keeping their limit in one Store send 30 calls as fast as they
// can under a shared limit of 10 a minute: no minute sees more than 10
// calls at the server, and all 30 go in three minutes, where three local
// limiters would have sent all 30 at once.
func TestSharedStoreLimitsTheFleet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := limitstore.NewMemory()
		start := time.Now()
		var mu sync.Mutex
		perMinute := map[time.Time]int{}
		next, n := fixed(func(int) answer {
			mu.Lock()
			perMinute[time.Now().Truncate(time.Minute)]++
			mu.Unlock()
			return answer{status: 200}
		})
		var wg sync.WaitGroup
		for w := 0; w < 3; w++ {
			rt := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 10, Store: store, Namespace: "org-1"}).Middleware(next)
			wg.Go(func() {
				for i := 0; i < 10; i++ {
					if _, err := send(context.Background(), rt, "{}"); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if *n != 30 || len(perMinute) != 3 {
			t.Fatalf("%d calls over %d minutes: %v", *n, len(perMinute), perMinute)
		}
		for m, c := range perMinute {
			if c > 10 {
				t.Errorf("minute %s saw %d calls, limit 10", m.Format(time.TimeOnly), c)
			}
		}
		if took := time.Since(start); took != 2*time.Minute {
			t.Errorf("took %v, want the last 10 to go when the third minute starts", took)
		}
	})
}

// TestSharedStoreCorrectsTokens: a call takes its estimate (body size / 4
// input, max_tokens output) from the shared window and gives back what the
// reply says it did not use, so the next call fits in the same minute.
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
		key := "claude:ratelimit:" + itoa(time.Now().Truncate(time.Minute).Unix()) + ":"
		got, err := store.Get(context.Background(), []string{key + "input_tokens", key + "output_tokens"})
		if err != nil || *n != 3 || got[0] != 30 || got[1] != 15 {
			t.Fatalf("store holds %v (%v) after %d calls, want [30 15]", got, err, *n)
		}
		// One call needing more than what is left of the minute is refused.
		if _, err := send(context.Background(), rt, `{"max_tokens":490}`); err == nil {
			t.Fatal("a call past the shared output limit went")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

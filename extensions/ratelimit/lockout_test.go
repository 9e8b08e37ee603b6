package ratelimit_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/extensions/ratelimit"
)

// TestNoLockoutFromOneResponse: a reset in the year 2999, a 429 retry-after
// of a year, a missing or unparsable remaining count: none of them makes
// later calls wait longer than MaxLearnedWait (or at all, for the buckets
// that are not known).
func TestNoLockoutFromOneResponse(t *testing.T) {
	t.Parallel()
	const p = "anthropic-ratelimit-requests-"
	for name, tc := range map[string]struct {
		status int
		header map[string]string
		want   time.Duration
	}{
		"reset in 2999":        {200, map[string]string{p + "remaining": "0", p + "reset": "2999-01-01T00:00:00Z"}, ratelimit.DefaultMaxLearnedWait},
		"missing remaining":    {200, map[string]string{p + "limit": "50", p + "reset": "2999-01-01T00:00:00Z"}, 0},
		"unparsable remaining": {200, map[string]string{p + "remaining": "n/a", p + "reset": "2999-01-01T00:00:00Z"}, 0},
		"429 retry-after 1y":   {429, map[string]string{"retry-after": "31536000"}, ratelimit.DefaultMaxLearnedWait},
		"429 retry-after date": {429, map[string]string{"retry-after": "Fri, 01 Jan 2999 00:00:00 GMT"}, ratelimit.DefaultMaxLearnedWait},
	} {
		synctest.Test(t, func(t *testing.T) {
			l := ratelimit.NewLimiter(ratelimit.Config{})
			next, _ := fixed(func(i int) answer {
				if i > 1 {
					return answer{status: 200}
				}
				h := http.Header{}
				for k, v := range tc.header {
					h.Set(k, v)
				}
				return answer{status: tc.status, header: h, body: `{"type":"error","error":{"type":"rate_limit_error","message":"x"}}`}
			})
			rt := l.Middleware(next)
			send(context.Background(), rt, "{}")
			start := time.Now()
			send(context.Background(), rt, "{}")
			if waited := time.Since(start); waited != tc.want {
				t.Errorf("%s: the next call waited %v, want %v", name, waited, tc.want)
			}
		})
	}
}

// TestHugeMaxTokensDoesNotBypassBudget: max_tokens near or past the int
// range used to overflow in+out to a negative count that passed the server's
// token bucket; saturating arithmetic makes it wait instead.
func TestHugeMaxTokensDoesNotBypassBudget(t *testing.T) {
	t.Parallel()
	for _, mt := range []string{"9223372036854775807", "9223372036854775000", "1e30"} {
		synctest.Test(t, func(t *testing.T) {
			l := ratelimit.NewLimiter(ratelimit.Config{})
			reset := time.Now().Add(30 * time.Second)
			next, _ := fixed(func(int) answer {
				h := http.Header{}
				h.Set("anthropic-ratelimit-tokens-remaining", "1000")
				h.Set("anthropic-ratelimit-tokens-reset", reset.Format(time.RFC3339))
				return answer{status: 200, header: h}
			})
			rt := l.Middleware(next)
			send(context.Background(), rt, "{}") // learn the token bucket
			body := `{"max_tokens":` + mt + `,"messages":[{"role":"user","content":"` + strings.Repeat("x", 400) + `"}]}`
			start := time.Now()
			send(context.Background(), rt, body)
			if waited := time.Since(start); waited != 30*time.Second {
				t.Errorf("max_tokens %s: waited %v, want one wait for the token reset (30s)", mt, waited)
			}
		})
	}
}

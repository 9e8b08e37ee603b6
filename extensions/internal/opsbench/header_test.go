package opsbench_test

import (
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/opsbench"
)

// TestAPIReplyHeaderIsARealReply: the header the rate limiter's benchmark
// answers with holds the recording's twelve rate-limit headers, each of
// its four buckets complete, among the reply's other headers.
func TestAPIReplyHeaderIsARealReply(t *testing.T) {
	t.Parallel()
	h := opsbench.APIReplyHeader(t)
	n := 0
	for k := range h {
		if strings.HasPrefix(k, "Anthropic-Ratelimit-") {
			n++
		}
	}
	if n != 12 || len(h) < 24 {
		t.Fatalf("%d rate-limit headers among %d, want 12 among at least 24: %v", n, len(h), h)
	}
	info := client.ParseRateLimit(h)
	for name, b := range map[string]client.RateLimitBucket{"requests": info.Requests, "tokens": info.Tokens,
		"input": info.InputTokens, "output": info.OutputTokens} {
		if !b.Known || b.Limit == 0 || b.Reset.IsZero() {
			t.Errorf("%s bucket %+v: not read from the recording", name, b)
		}
	}
}

// TestAPIReplyHeadersCountDown: successive replies' remaining counts go
// down, their limits and resets stay.
func TestAPIReplyHeadersCountDown(t *testing.T) {
	t.Parallel()
	list := opsbench.APIReplyHeaders(t)
	a, b := client.ParseRateLimit(list[0]), client.ParseRateLimit(list[1])
	if b.Requests.Remaining != a.Requests.Remaining-1 || b.Tokens.Remaining != a.Tokens.Remaining-15 ||
		b.InputTokens.Limit != a.InputTokens.Limit || !b.OutputTokens.Reset.Equal(a.OutputTokens.Reset) {
		t.Fatalf("first reply %+v\nsecond %+v", a, b)
	}
}

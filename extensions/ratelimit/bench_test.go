package ratelimit_test

import (
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/ratelimit"
)

// unpaced is the limiter with request and token limits far above the
// pace, so no call waits: what is measured is its bookkeeping per call.
func unpaced() client.Option {
	return ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1 << 30, InputTokensPerMinute: 1 << 40, OutputTokensPerMinute: 1 << 40}).Option()
}

// BenchmarkCreate: every reply carries a real API reply's headers
// (opsbench.APIReplyHeader: the twelve anthropic-ratelimit-* of a
// recorded reply among its two dozen), which the limiter reads on each
// call, as it does against the API.
func BenchmarkCreate(b *testing.B) {
	opsbench.CompareAPIHeaders(b, unpaced())
}

// BenchmarkCreateWithoutHeaders: replies with no rate-limit header (a test
// server's, a gateway's), as the other layers' benchmarks answer.
func BenchmarkCreateWithoutHeaders(b *testing.B) {
	opsbench.Compare(b, unpaced())
}

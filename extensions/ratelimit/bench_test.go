package ratelimit_test

import (
	"testing"

	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/ratelimit"
)

// BenchmarkCreate: the limiter with request and token limits far above the
// pace, so no call waits: what is measured is its bookkeeping per call.
func BenchmarkCreate(b *testing.B) {
	opsbench.Compare(b, ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1 << 30, InputTokensPerMinute: 1 << 40, OutputTokensPerMinute: 1 << 40}).Option())
}

package ratelimit_test

import (
	"testing"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/ratelimit"
)

// BenchmarkMiddlewareStore runs the limiter with its limits in a Store (in
// memory) around a RoundTripper that answers from memory, limits far above
// the pace: what it measures is the shared buckets' bookkeeping per call
// (take before, correction after).
func BenchmarkMiddlewareStore(b *testing.B) {
	l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1 << 30, InputTokensPerMinute: 1 << 40, OutputTokensPerMinute: 1 << 40, Store: limitstore.NewMemory()})
	opsbench.Middleware(b, l.Middleware)
}

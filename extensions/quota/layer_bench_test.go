package quota_test

import (
	"testing"

	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/quota"
)

// BenchmarkMiddlewareAlone runs the quota layer around a RoundTripper that
// answers from memory, so what it measures is the layer's own work per call
// (what it adds to a Create), without a network's noise.
func BenchmarkMiddlewareAlone(b *testing.B) {
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1 << 40, InputTokens: 1 << 50, OutputTokens: 1 << 50, CostUSD: 1e9}}})
	if err != nil {
		b.Fatal(err)
	}
	opsbench.Middleware(b, q.Middleware)
}

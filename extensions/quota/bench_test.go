package quota_test

import (
	"testing"

	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/quota"
)

func BenchmarkCreate(b *testing.B) {
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1 << 40, InputTokens: 1 << 50, OutputTokens: 1 << 50, CostUSD: 1e9}}})
	if err != nil {
		b.Fatal(err)
	}
	opsbench.Compare(b, q.Option())
}

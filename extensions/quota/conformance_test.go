package quota_test

import (
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/quota"
)

// TestConformance: the quota layer keeps the RoundTripper contract.
func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1 << 40}}})
		if err != nil {
			t.Fatal(err)
		}
		return q.Middleware
	})
}

package retry_test

import (
	"testing"

	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/retry"
)

// BenchmarkCreate: the retry layer with its defaults on calls that succeed
// at once: what is measured is its bookkeeping per call.
func BenchmarkCreate(b *testing.B) {
	opsbench.Compare(b, retry.New(retry.Config{}))
}

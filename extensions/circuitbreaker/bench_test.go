package circuitbreaker_test

import (
	"testing"

	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/internal/opsbench"
)

// BenchmarkCreate: the breaker with its defaults around calls that all
// succeed (closed circuit): its bookkeeping per call.
func BenchmarkCreate(b *testing.B) {
	opsbench.Compare(b, circuitbreaker.NewBreaker(circuitbreaker.Config{}).Option())
}

package failover_test

import (
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/failover"
	"github.com/claudego/claude/extensions/internal/opsbench"
)

// BenchmarkCreate: failover over two endpoints, the first healthy, so every
// call goes to it: what is measured is the routing per attempt.
func BenchmarkCreate(b *testing.B) {
	opsbench.CompareAt(b, func(url string) []client.Option {
		return []client.Option{failover.New(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: url}, {BaseURL: url + "/spare"}}})}
	})
}

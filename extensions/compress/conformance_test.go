package compress_test

import (
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/compress"
	"github.com/claudego/claude/extensions/internal/rttest"
)

// TestConformance: the compression layer, compressing every body it can,
// keeps the RoundTripper contract.
func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		z, err := compress.NewCompressor(compress.Config{MinSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		return z.Middleware
	})
}

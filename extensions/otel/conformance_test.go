package claudeotel_test

import (
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rttest"
	claudeotel "github.com/claudego/claude/extensions/otel"
)

// TestConformance runs the shared RoundTripper contract against the
// module's middleware (ARCHITECTURE.md, How to add: an extension).
func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware { return claudeotel.TapInCall() })
}

package diagnostics_test

import (
	"io"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
	"github.com/claudego/claude/extensions/internal/rttest"
)

// TestConformance: the diagnostics layer, with cURL and timing on, keeps the
// RoundTripper contract.
func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		return diagnostics.NewDiagnostics(diagnostics.Config{Curl: io.Discard, OnAttempt: func(diagnostics.Attempt) {}, BodyDir: t.TempDir(), CurlMaxInline: 16}).Middleware
	})
}

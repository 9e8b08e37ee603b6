package secrets_test

import (
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/secrets"
)

// TestConformance: the secrets layer, auditing every use, keeps the
// RoundTripper contract.
func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		return secrets.NewAuditor(secrets.Config{Audit: func(secrets.Use) {}}).Middleware
	})
}

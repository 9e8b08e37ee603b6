package secrets_test

import (
	"testing"

	"github.com/claudego/claude/extensions/internal/opsbench"
	"github.com/claudego/claude/extensions/secrets"
)

func BenchmarkCreate(b *testing.B) {
	opsbench.Compare(b, secrets.NewAuditor(secrets.Config{Audit: func(secrets.Use) {}}).Option())
}

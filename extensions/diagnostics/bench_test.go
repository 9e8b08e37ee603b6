package diagnostics_test

import (
	"io"
	"testing"

	"github.com/claudego/claude/extensions/diagnostics"
	"github.com/claudego/claude/extensions/internal/opsbench"
)

func BenchmarkCreateTiming(b *testing.B) {
	opsbench.Compare(b, diagnostics.NewDiagnostics(diagnostics.Config{OnAttempt: func(diagnostics.Attempt) {}}).Option())
}

func BenchmarkCreateCurl(b *testing.B) {
	opsbench.Compare(b, diagnostics.NewDiagnostics(diagnostics.Config{Curl: io.Discard}).Option())
}

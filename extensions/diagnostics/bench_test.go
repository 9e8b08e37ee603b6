package diagnostics_test

import (
	"io"
	"testing"

	"github.com/claudego/claude/extensions/diagnostics"
	"github.com/claudego/claude/extensions/internal/opsbench"
)

func BenchmarkCreateTiming(b *testing.B) {
	opsbench.Compare(b, diagnostics.New(diagnostics.Settings{OnAttempt: func(diagnostics.Attempt) {}}).Option())
}

func BenchmarkCreateCurl(b *testing.B) {
	opsbench.Compare(b, diagnostics.New(diagnostics.Settings{Curl: io.Discard}).Option())
}

package compress_test

import (
	"compress/gzip"
	"testing"

	"github.com/claudego/claude/extensions/compress"
	"github.com/claudego/claude/extensions/internal/opsbench"
)

// BenchmarkCreate compresses the ~2 KB body (MinSize 1 KiB) at BestSpeed.
func BenchmarkCreate(b *testing.B) {
	z, err := compress.NewCompressor(compress.Config{MinSize: 1024, Level: gzip.BestSpeed})
	if err != nil {
		b.Fatal(err)
	}
	opsbench.Compare(b, z.Option())
}

package compress_test

import (
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
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

// BenchmarkCreateUnderMinSize is the layer at its defaults (MinSize 8 KiB)
// on the same ~2 KB body, which it passes on as it is: what it costs a call
// it does not compress.
func BenchmarkCreateUnderMinSize(b *testing.B) {
	z, err := compress.NewCompressor(compress.Config{})
	if err != nil {
		b.Fatal(err)
	}
	opsbench.Compare(b, z.Option())
}

// BenchmarkGzipRecorded compresses each recorded request of at least
// DefaultMinSize at BestSpeed and the default level: the cost of the
// feature itself, per byte (MB/s; instructions per KB under callgrind),
// beside what it saves (saved-%).
func BenchmarkGzipRecorded(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "recorded", "*", "request.json"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no recorded requests: %v", err)
	}
	for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression} {
		z, err := compress.NewCompressor(compress.Config{Level: level})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if len(body) < compress.DefaultMinSize {
				continue
			}
			b.Run(fmt.Sprintf("level%d/%s", level, filepath.Base(filepath.Dir(f))), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				var gz []byte
				for b.Loop() {
					gz = z.Gzip(body)
				}
				b.ReportMetric(100-100*float64(len(gz))/float64(len(body)), "saved-%")
			})
		}
	}
}

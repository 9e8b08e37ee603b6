package streaming_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/streaming"
)

// BenchmarkStreamText1kValue reads a 1k-delta text stream through the
// typed events' Value type switch (the way the Event docs show), where
// BenchmarkStreamText1k only iterates.
func BenchmarkStreamText1kValue(b *testing.B) {
	body := textStream(1000)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		s := streaming.New(&http.Response{StatusCode: 200, Body: io.NopCloser(&chunkReader{body, 4096})}, streaming.Config{})
		n := 0
		for s.Next() {
			if d, ok := s.Event().Value().(*gen.ContentBlockDeltaEvent); ok && d.Index == 0 {
				n++
			}
		}
		if s.Err() != nil || n != 1000 {
			b.Fatal(s.Err(), n)
		}
	}
}

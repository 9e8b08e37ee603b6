package sse

import (
	"bytes"
	"io"
	"strings"
	"testing"

	r3sse "github.com/r3labs/sse/v2"
)

// The framing benchmarks compare the Framer with the EventStreamReader of
// github.com/r3labs/sse/v2 (plus the field parsing it leaves to its caller)
// on the same bytes: many small events, and one large event arriving in 4 KiB
// reads, where r3labs rescans the growing buffer for five terminator
// patterns on every read.

const textDelta = `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lorem ipsum "}}`

func textStream(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("event: content_block_delta\ndata: " + textDelta + "\n\n")
	}
	return []byte(b.String())
}

func bigEvent(size int) []byte {
	return []byte("event: content_block_delta\ndata: " + `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"` + strings.Repeat("x", size) + `"}}` + "\n\n")
}

// chunkReader returns at most n bytes per Read, as a socket does.
type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[k:]
	return k, nil
}

func benchFramers(b *testing.B, body []byte, chunk int) {
	b.Run("own", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			fr := NewFramer(&chunkReader{body, chunk}, 64<<20)
			for {
				if _, _, err := fr.Next(); err != nil {
					break
				}
			}
		}
	})
	b.Run("r3labs", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			r := r3sse.NewEventStreamReader(&chunkReader{body, chunk}, 64<<20)
			var data []byte
			for {
				ev, err := r.ReadEvent()
				if err != nil {
					break
				}
				// The field parsing r3labs leaves to the caller.
				data = data[:0]
				for _, line := range bytes.Split(ev, []byte("\n")) {
					if v, ok := bytes.CutPrefix(line, []byte("data:")); ok {
						data = append(data, bytes.TrimPrefix(v, []byte(" "))...)
					}
				}
			}
		}
	})
}

func BenchmarkFramerTextDeltas(b *testing.B) { benchFramers(b, textStream(10000), 4096) }
func BenchmarkFramerBigEvent(b *testing.B)   { benchFramers(b, bigEvent(4<<20), 4096) }

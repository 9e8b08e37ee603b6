package streaming_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/streaming"
)

// The stream benchmarks run a Stream over many small events (text or tool
// input), beside the raw floor of bufio lines and encoding/json. The framing
// alone is benchmarked against github.com/r3labs/sse/v2 in internal/sse.

func textStream(n int) []byte {
	var b strings.Builder
	b.WriteString(sse("message_start", evStart, "content_block_start", evText0))
	for i := 0; i < n; i++ {
		b.WriteString("event: content_block_delta\ndata: " + textDelta("lorem ipsum ") + "\n\n")
	}
	b.WriteString(sse("content_block_stop", evStop0, "message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":10}}`, "message_stop", evMStop))
	return []byte(b.String())
}

func jsonStream(n int) []byte {
	var b strings.Builder
	b.WriteString(sse("message_start", evStart, "content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"n","input":{}}}`))
	b.WriteString("event: content_block_delta\ndata: " + `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"items\": ["}}` + "\n\n")
	for i := 0; i < n; i++ {
		b.WriteString("event: content_block_delta\ndata: " + `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"k\": \"v\"},"}}` + "\n\n")
	}
	b.WriteString("event: content_block_delta\ndata: " + `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"0]}"}}` + "\n\n")
	b.WriteString(sse("content_block_stop", evStop0, "message_stop", evMStop))
	return []byte(b.String())
}

func bigEvent(size int) []byte {
	return []byte("event: content_block_delta\ndata: " + textDelta(strings.Repeat("x", size)) + "\n\n")
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

func benchStream(b *testing.B, body []byte, events int) {
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		s := streaming.New(&http.Response{StatusCode: 200, Body: io.NopCloser(&chunkReader{body, 4096})}, streaming.Config{})
		for s.Next() {
		}
		if s.Err() != nil {
			b.Fatal(s.Err())
		}
		_ = s.Message()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*events), "ns/event")
}

func BenchmarkStreamText10k(b *testing.B) { benchStream(b, textStream(10000), 10000) }
func BenchmarkStreamJSON10k(b *testing.B) { benchStream(b, jsonStream(10000), 10000) }
func BenchmarkStreamText1k(b *testing.B)  { benchStream(b, textStream(1000), 1000) }

// benchFloor is the raw floor the bench tool compares with: bufio lines and
// encoding/json into a minimal struct, accumulating the text.
func benchFloor(b *testing.B, body []byte, events int) {
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		sc := bufio.NewScanner(&chunkReader{body, 4096})
		var text strings.Builder
		for sc.Scan() {
			line := sc.Bytes()
			d, ok := bytes.CutPrefix(line, []byte("data: "))
			if !ok {
				continue
			}
			var ev struct {
				Type  string `json:"type"`
				Index int    `json:"index"`
				Delta struct {
					Type        string `json:"type"`
					Text        string `json:"text"`
					PartialJSON string `json:"partial_json"`
				} `json:"delta"`
			}
			if err := json.Unmarshal(d, &ev); err != nil {
				b.Fatal(err)
			}
			text.WriteString(ev.Delta.Text)
			text.WriteString(ev.Delta.PartialJSON)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*events), "ns/event")
}

func BenchmarkFloorText10k(b *testing.B) { benchFloor(b, textStream(10000), 10000) }
func BenchmarkFloorJSON10k(b *testing.B) { benchFloor(b, jsonStream(10000), 10000) }

package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// BenchmarkCreate1KB is one non-streaming Create with a 1 KB reply over
// loopback: the per-request overhead of the client (tools/bench compares it
// with the official SDK and a raw floor in one run).
func BenchmarkCreate1KB(b *testing.B) {
	reply := `{"model":"claude-sonnet-4-5-20250929","id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":"` + strings.Repeat("Hello world. ", 70) + `"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":120,"service_tier":"standard"}}`
	url := newLoopbackB(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("content-type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	c, err := client.New(client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL(url))
	if err != nil {
		b.Fatal(err)
	}
	req := minimalRequest()
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m, err := c.Messages.Create(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Text()) < 100 {
			b.Fatal("short text")
		}
	}
}

package opsbench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// reply is a small recorded-shape reply with usage, so layers that read it
// (quota, cost) do their real work.
const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}}`

// Request is the benchmarked call: a conversation of about 2 KB.
func Request() client.MessageRequest {
	return client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64,
		Messages: []client.MessageParam{client.UserText(strings.Repeat("Tell me about systems. ", 100))}}
}

// Compare runs sub-benchmarks "off" (no layer) and "on" (with opts) of one
// Create against a loopback server.
func Compare(b *testing.B, opts ...client.Option) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	defer srv.Close()
	run := func(b *testing.B, opts []client.Option) {
		c, err := client.New(append([]client.Option{client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL(srv.URL)}, opts...)...)
		if err != nil {
			b.Fatal(err)
		}
		req := Request()
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := c.Messages.Create(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("off", func(b *testing.B) { run(b, nil) })
	b.Run("on", func(b *testing.B) { run(b, opts) })
}

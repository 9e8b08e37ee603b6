package client_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// The cost of watching: the Create and stream benchmarks bare, with a
// logger at INFO (JSON to io.Discard), and with an observer that does
// nothing. With neither, the hot path is the bare one (no attempt stage,
// no call scope); per delta event nothing is added in any case, since the
// observers hear a stream's first content and end, not its events.

func benchCreate(b *testing.B, opts ...client.Option) {
	reply := `{"model":"claude-sonnet-4-5-20250929","id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":"` + strings.Repeat("Hello world. ", 70) + `"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":120,"service_tier":"standard"}}` // BenchmarkCreate1KB's
	url := newLoopbackB(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("content-type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	c, err := client.New(append([]client.Option{client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL(url)}, opts...)...)
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

func BenchmarkCreate1KBLogged(b *testing.B) {
	benchCreate(b, client.WithLogger(slog.New(slog.NewJSONHandler(io.Discard, nil))))
}

func BenchmarkCreate1KBObserved(b *testing.B) { benchCreate(b, client.WithObserver(nopObserver{})) }

type nopObserver struct{}

func (nopObserver) CallStart(ctx context.Context, _ client.CallInfo) context.Context { return ctx }
func (nopObserver) Observe(context.Context, client.Event)                            {}

// benchStreamClient streams a reply of n text deltas through the client
// over loopback and reports ns/event.
func benchStreamClient(b *testing.B, n int, opts ...client.Option) {
	var body strings.Builder
	body.WriteString(sseStream("message_start", obsStart, "content_block_start", obsBlock))
	for i := 0; i < n; i++ {
		body.WriteString("event: content_block_delta\ndata: " + `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lorem ipsum "}}` + "\n\n")
	}
	body.WriteString(sseStream("content_block_stop", `{"type":"content_block_stop","index":0}`, "message_delta", obsMDelt, "message_stop", `{"type":"message_stop"}`))
	reply := body.String()
	url := newLoopbackB(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("content-type", "text/event-stream")
		_, _ = io.WriteString(w, reply)
	}))
	c, err := client.New(append([]client.Option{client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL(url)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	req := minimalRequest()
	ctx := context.Background()
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := c.Messages.Stream(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		for s.Next() {
		}
		if s.Err() != nil {
			b.Fatal(s.Err())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
}

func BenchmarkStreamClient1k(b *testing.B) { benchStreamClient(b, 1000) }
func BenchmarkStreamClient1kLogged(b *testing.B) {
	benchStreamClient(b, 1000, client.WithLogger(slog.New(slog.NewJSONHandler(io.Discard, nil))))
}
func BenchmarkStreamClient1kObserved(b *testing.B) {
	benchStreamClient(b, 1000, client.WithObserver(nopObserver{}))
}

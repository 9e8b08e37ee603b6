package claudeotel_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/claudego/claude/client"
	claudeotel "github.com/claudego/claude/extensions/otel"
	"github.com/claudego/claude/internal/canned"
)

// The cost of watching: the same 10,000-delta stream through the whole
// client (Messages.Stream, the pipeline, the Stream), bare and with the
// module on over the real SDK (spans exported to a no-op exporter, metrics
// aggregated for a manual reader). The body arrives 4 KiB per read, as from
// a socket. The README's performance table reports the ratio of the two
// ns/event figures.

const benchEvents = 10000

func benchBody() []byte {
	var b strings.Builder
	b.WriteString("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n")
	b.WriteString("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")
	for range benchEvents {
		b.WriteString("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lorem ipsum \"}}\n\n")
	}
	b.WriteString("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n")
	b.WriteString("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":10000}}\n\n")
	b.WriteString("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
	return []byte(b.String())
}

// socketReader returns at most n bytes per Read.
type socketReader struct {
	b []byte
	n int
}

func (r *socketReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.b)
	r.b = r.b[k:]
	return k, nil
}

// memTransport answers every request with body as an event stream, in
// memory, so the benchmark measures the client and not a socket.
func memTransport(body []byte) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		h := http.Header{"Content-Type": {"text/event-stream"}, "Request-Id": {"req_bench"}}
		return canned.Respond(req, h, &socketReader{b: body, n: 4096}, -1), nil
	})
}

func benchStream(b *testing.B, opts ...client.Option) {
	body := benchBody()
	c, err := client.New(append([]client.Option{
		client.WithAPIKey(testKey), client.WithBaseURL("http://127.0.0.1:1"),
		client.WithHTTPClient(&http.Client{Transport: memTransport(body)}),
	}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 1024, Messages: []client.MessageParam{client.UserText("Hello")}}
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := c.Messages.Stream(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		for s.Next() {
		}
		if err := s.Err(); err != nil {
			b.Fatal(err)
		}
		if !bytes.HasPrefix([]byte(s.Message().ID), []byte("msg_bench")) {
			b.Fatal("no message")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchEvents), "ns/event")
}

func BenchmarkStreamBare(b *testing.B) { benchStream(b) }

func BenchmarkStreamOTel(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sdktrace.NewSimpleSpanProcessor(tracetest.NewNoopExporter())))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	benchStream(b, claudeotel.New(claudeotel.Config{TracerProvider: tp, MeterProvider: mp}))
}

// BenchmarkStreamWatched is the watched scenario of tools/bench in
// miniature: the INFO JSON logger (to io.Discard) and claudeotel on the real
// SDK, beside BenchmarkStreamBare (issue 12: CPU per event within 10%).
func BenchmarkStreamWatched(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sdktrace.NewSimpleSpanProcessor(tracetest.NewNoopExporter())))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	benchStream(b, client.WithLogger(logger), claudeotel.New(claudeotel.Config{TracerProvider: tp, MeterProvider: mp}))
}

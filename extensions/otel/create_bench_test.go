package claudeotel_test

import (
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

// The cost of watching a non-streamed call: the 1 KB reply of the client's
// BenchmarkCreate1KB, in memory, bare and watched (the INFO JSON logger and
// the module on the real SDK). A call's fixed cost (two log records, two
// spans, a handful of metric points) is spread over one reply here, not over
// thousands of events as for a stream.

var createReply1KB = `{"model":"claude-sonnet-4-5-20250929","id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":"` + strings.Repeat("Hello world. ", 70) + `"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":120}}`

func benchCreate(b *testing.B, opts ...client.Option) {
	rt := client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		h := http.Header{"Content-Type": {"application/json"}, "Request-Id": {"req_bench"}}
		return canned.Respond(req, h, strings.NewReader(createReply1KB), int64(len(createReply1KB))), nil
	})
	c, err := client.New(append([]client.Option{
		client.WithAPIKey(testKey), client.WithBaseURL("http://127.0.0.1:1"),
		client.WithHTTPClient(&http.Client{Transport: rt}),
	}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 1024, Messages: []client.MessageParam{client.UserText("Hello")}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		m, err := c.Messages.Create(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Text()) < 100 {
			b.Fatal("short text")
		}
	}
}

func BenchmarkCreateBare(b *testing.B) { benchCreate(b) }

func BenchmarkCreateLogged(b *testing.B) {
	benchCreate(b, client.WithLogger(slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))))
}

func BenchmarkCreateWatched(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sdktrace.NewSimpleSpanProcessor(tracetest.NewNoopExporter())))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	benchCreate(b, client.WithLogger(logger), claudeotel.New(claudeotel.Config{TracerProvider: tp, MeterProvider: mp}))
}

package main

import (
	"context"
	"io"
	"log/slog"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/claudego/claude/client"
	claudeotel "github.com/claudego/claude/extensions/otel"
)

// watchedTarget is the ceiling on a watched scenario's CPU over its bare
// scenario's per stream event (issue 12: watching costs at most 10% per
// event; a single Create's cost is shown beside its bare one, not judged).
const watchedTarget = 1.10

// watchOptions turn on what a watched scenario measures: the stdlib logger
// at INFO writing JSON (to io.Discard: the cost is building and encoding the
// records, not the disk), and claudeotel on the real OpenTelemetry SDK, spans
// recorded (sampled, no exporter) and metrics aggregated by a reader, as an
// application with both on pays for them. Content capture stays off, its
// default.
func watchOptions() (opts []client.Option, shutdown func()) {
	tp := sdktrace.NewTracerProvider()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return []client.Option{
			client.WithLogger(logger),
			claudeotel.New(claudeotel.Config{TracerProvider: tp, MeterProvider: mp}),
		}, func() {
			_ = tp.Shutdown(context.Background())
			_ = mp.Shutdown(context.Background())
		}
}

// bareOf finds the scenario a watched one is measured against.
func bareOf(ran []scenario, sc scenario) (scenario, bool) {
	for _, b := range ran {
		if b.name == sc.bare {
			return b, true
		}
	}
	return scenario{}, false
}

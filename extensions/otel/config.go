package claudeotel

import (
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/claudego/claude/client"
)

// scope is the instrumentation scope name of the tracer and the meter.
const scope = "github.com/claudego/claude/extensions/otel"

// Config turns the module on. Its zero value traces to the global
// TracerProvider, measures with the global MeterProvider, and records no
// message content.
type Config struct {
	// TracerProvider makes the tracer; nil: otel.GetTracerProvider().
	TracerProvider trace.TracerProvider
	// MeterProvider makes the meter; nil: otel.GetMeterProvider().
	MeterProvider metric.MeterProvider
	// CaptureContent records the request's messages and system prompt and
	// the reply's content on the call's span (gen_ai.input.messages,
	// gen_ai.system_instructions, gen_ai.output.messages), with base64 image
	// and PDF data elided. Off by default: content is likely to hold
	// personal data. The conventions' environment variable
	// OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true also turns it
	// on.
	CaptureContent bool
}

// New returns the option that traces and measures every call of a client
// (given to client.New) or of one call, following the OpenTelemetry GenAI
// semantic conventions: one client span per call ("chat {model}" for
// Messages), a child span per HTTP attempt, and the gen_ai.client.* metrics
// beside the claude.client.* ones (see the package doc).
//
// An instrument the MeterProvider refuses is reported to otel.Handle, the
// OpenTelemetry error handler, and left out; the rest keep working.
func New(cfg Config) client.Option {
	o := newObserver(cfg)
	return client.WithOptions(
		client.WithObserver(o),
		client.WithMiddlewareAt(client.Before("middleware"), chunkSlot, o.chunkTimer))
}

func newObserver(cfg Config) *observer {
	tp := cfg.TracerProvider
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	mp := cfg.MeterProvider
	if mp == nil {
		mp = otel.GetMeterProvider()
	}
	in, err := newInstruments(mp.Meter(scope))
	if err != nil {
		otel.Handle(fmt.Errorf("claudeotel: %w", err))
	}
	return &observer{
		tracer:  tp.Tracer(scope),
		inst:    in,
		capture: cfg.CaptureContent || captureFromEnv(),
	}
}

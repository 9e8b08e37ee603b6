package claudeotel

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// observer is the client.Observer (and client.AttemptObserver) New installs:
// it turns the events every layer reports (ARCHITECTURE.md, Layers) into
// spans and metric points. It keeps no state of its own between calls; a
// call's state rides on the call's context.
type observer struct {
	tracer  trace.Tracer
	inst    *instruments
	capture bool
}

var _ client.AttemptObserver = (*observer)(nil)

// callKey and attemptKey find a call's and an attempt's state in the
// contexts CallStart and AttemptStart return. They name the observer, so two
// of them on one call (a client's and a call's, to two providers) each find
// their own.
type (
	callKey    struct{ o *observer }
	attemptKey struct{ o *observer }
)

// call is one call's span and what its end needs. Events of one call come
// in order but a stream's end may come from the goroutine that closes it,
// so the fields the events write are under mu.
type call struct {
	span   trace.Span
	op     string // gen_ai.operation.name
	stream bool
	// metricAttrs are the attributes every metric point of the call
	// carries: operation, provider, request model, server address and port.
	metricAttrs []attribute.KeyValue
	// metricSet is metricAttrs as a measurement option, built once: the
	// chunk timer records with it on every read.
	metricSet metric.MeasurementOption
	start     time.Time
	// lastChunk is when the last chunk came, as time since start (0: no
	// content yet); the chunk timer and firstContent set it.
	lastChunk atomic.Int64

	mu         sync.Mutex
	ended      bool
	firstChunk bool // the first content arrived
	streamEnd  client.Event
	gotEnd     bool // streamEnd is set
	requestID  string
}

// CallStart opens the call's client span with the attributes the
// conventions want at creation (for sampling): operation, provider, model,
// server; and the request's sampling settings and, when asked, its content.
func (o *observer) CallStart(ctx context.Context, info client.CallInfo) context.Context {
	op := operationName(info.Operation)
	base := make([]attribute.KeyValue, 0, 5)
	base = append(base,
		attribute.String("gen_ai.operation.name", op),
		attribute.String("gen_ai.provider.name", providerName))
	if info.Model != "" {
		base = append(base, attribute.String("gen_ai.request.model", info.Model))
	}
	if info.ServerAddress != "" {
		base = append(base, attribute.String("server.address", info.ServerAddress))
		if info.ServerPort != 0 {
			base = append(base, attribute.Int("server.port", info.ServerPort))
		}
	}
	attrs := make([]attribute.KeyValue, 0, len(base)+10)
	attrs = append(attrs, base...)
	if info.Stream {
		attrs = append(attrs, attribute.Bool("gen_ai.request.stream", true))
	}
	attrs = append(attrs, requestAttributes(info.Params)...)
	if o.capture {
		attrs = append(attrs, contentAttributes(info.Params)...)
	}
	ctx, span := o.tracer.Start(ctx, spanName(op, info.Model),
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	c := &call{span: span, op: op, stream: info.Stream, metricAttrs: base, start: time.Now()}
	if info.Stream {
		c.metricSet = metric.WithAttributeSet(attribute.NewSet(base...))
		o.inst.activeStreams.Add(ctx, 1, c.metricSet)
	}
	return context.WithValue(ctx, callKey{o}, c)
}

// AttemptStart opens the attempt's span, a child of the call's: one per
// HTTP request, so a retried call shows each.
func (o *observer) AttemptStart(ctx context.Context, e client.Event) context.Context {
	c, _ := ctx.Value(callKey{o}).(*call)
	if c == nil {
		return ctx
	}
	attrs := []attribute.KeyValue{
		attribute.Int("claude.attempt", e.Attempt),
		// HTTP semconv: how many times this request was sent before.
		attribute.Int("http.request.resend_count", max(e.Attempt-1, 0)),
	}
	if e.RequestBytes > 0 {
		attrs = append(attrs, attribute.Int64("http.request.body.size", e.RequestBytes))
	}
	// Parent it on this observer's call span explicitly: another observer's
	// CallStart may have put its own span in ctx since.
	_, span := o.tracer.Start(trace.ContextWithSpan(ctx, c.span), e.Operation+" attempt",
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	return context.WithValue(trace.ContextWithSpan(ctx, span), attemptKey{o}, span)
}

// ObservesContent asks the client for the reply (client.Event.Message) when
// content capture is on, for gen_ai.output.messages; off, no call builds one.
func (o *observer) ObservesContent() bool { return o.capture }

// Observe turns one event into span changes and metric points.
func (o *observer) Observe(ctx context.Context, e client.Event) {
	switch e.Kind {
	case client.EventAgentEnd:
		o.agentEnd(ctx, e)
		return
	case client.EventToolEnd:
		o.toolEnd(ctx, e)
		return
	}
	c, _ := ctx.Value(callKey{o}).(*call)
	if c == nil {
		return
	}
	switch e.Kind {
	case client.EventAttemptEnd:
		o.attemptEnd(ctx, c, e)
	case client.EventRetry:
		o.inst.retries.Add(ctx, 1, metric.WithAttributes(append(c.metricAttrs[:len(c.metricAttrs):len(c.metricAttrs)],
			attribute.Int("claude.attempt", e.Attempt+1))...))
		c.span.AddEvent("retry", trace.WithAttributes(
			attribute.Int("claude.attempt", e.Attempt),
			attribute.Int("http.response.status_code", e.Status),
			attribute.String("error.type", orOther(errorTypeOf(e.ErrorType, e.Status))),
			attribute.Float64("claude.retry.wait", e.Wait.Seconds())))
	case client.EventRateLimitWait:
		c.span.AddEvent("rate_limit_wait", trace.WithAttributes(attribute.Float64("claude.wait", e.Wait.Seconds())))
	case client.EventCircuitChange:
		o.inst.circuitState.Record(ctx, int64(e.ToState), metric.WithAttributes(attribute.String("claude.circuit.name", e.Name)))
		c.span.AddEvent("circuit_change", trace.WithAttributes(
			attribute.String("claude.circuit.name", e.Name),
			attribute.String("claude.circuit.from", e.FromState.String()),
			attribute.String("claude.circuit.to", e.ToState.String())))
	case client.EventFailover:
		c.span.AddEvent("failover", trace.WithAttributes(
			attribute.String("claude.failover.from", e.From),
			attribute.String("claude.failover.to", e.Name),
			attribute.String("error.type", orOther(e.ErrorType))))
	case client.EventQuotaRefused:
		c.span.AddEvent("quota_refused", trace.WithAttributes(attribute.String("claude.quota.budget", e.Name)))
	case client.EventStreamFirstContent:
		o.firstContent(ctx, c, e)
	case client.EventStreamEnd:
		c.mu.Lock()
		c.streamEnd, c.gotEnd = e, true
		c.mu.Unlock()
	case client.EventCallEnd:
		o.callEnd(ctx, c, e)
	}
}

// attemptEnd closes the attempt's span with its status and sizes and counts
// the request; the API's rate-limit headers become the remaining gauges.
func (o *observer) attemptEnd(ctx context.Context, c *call, e client.Event) {
	et := ""
	if e.Err != nil || e.Status >= 400 {
		// The client names the attempt's failure: the API's error type
		// read from its error reply ("overloaded_error"), a transport
		// failure's class ("timeout", "connection_refused"), the status
		// only when the reply named no type (client.ErrorType).
		et = orOther(errorTypeOf(e.ErrorType, e.Status))
	}
	if span, _ := ctx.Value(attemptKey{o}).(trace.Span); span != nil {
		attrs := make([]attribute.KeyValue, 0, 4)
		if e.Status != 0 {
			attrs = append(attrs, attribute.Int("http.response.status_code", e.Status))
		}
		if e.ResponseBytes > 0 {
			attrs = append(attrs, attribute.Int64("http.response.body.size", e.ResponseBytes))
		}
		if e.RequestID != "" {
			attrs = append(attrs, attribute.String("anthropic.request_id", e.RequestID))
		}
		if et != "" {
			attrs = append(attrs, attribute.String("error.type", et))
			span.SetStatus(codes.Error, et)
		}
		span.SetAttributes(attrs...)
		span.End()
	}
	if e.RequestID != "" {
		c.mu.Lock()
		c.requestID = e.RequestID
		c.mu.Unlock()
	}
	attrs := append(c.metricAttrs[:len(c.metricAttrs):len(c.metricAttrs)], attribute.Int("http.response.status_code", e.Status))
	if et != "" {
		attrs = append(attrs, attribute.String("error.type", et))
	}
	o.inst.requests.Add(ctx, 1, metric.WithAttributes(attrs...))
	if rl := e.RateLimit; rl.Known {
		o.rateLimits(ctx, rl)
	}
}

// rateLimits records each remaining budget the headers reported.
func (o *observer) rateLimits(ctx context.Context, rl client.RateLimit) {
	for _, l := range [...]struct {
		name      string
		remaining int64
	}{
		{"requests", rl.RequestsRemaining},
		{"tokens", rl.TokensRemaining},
		{"input_tokens", rl.InputTokensRemaining},
		{"output_tokens", rl.OutputTokensRemaining},
	} {
		if l.remaining >= 0 {
			o.inst.rateLimitRemaining.Record(ctx, l.remaining, metric.WithAttributes(attribute.String("claude.rate_limit.name", l.name)))
		}
	}
}

// firstContent records the time to first chunk, on the span and as the
// conventions' histogram.
func (o *observer) firstContent(ctx context.Context, c *call, e client.Event) {
	c.mu.Lock()
	first := !c.firstChunk
	c.firstChunk = true
	c.mu.Unlock()
	if !first {
		return
	}
	// The chunk timer measures from here, on its own clock (time since
	// CallStart), so the intervals never mix two clocks.
	c.lastChunk.Store(max(int64(time.Since(c.start)), 1))
	secs := e.Duration.Seconds()
	c.span.SetAttributes(attribute.Float64("gen_ai.response.time_to_first_chunk", secs))
	o.inst.timeToFirstChunk.Record(ctx, secs, c.metricSet)
}

// callEnd closes the call's span with the reply's attributes or the error,
// and records the duration, token and error metrics. It runs once per call.
func (o *observer) callEnd(ctx context.Context, c *call, e client.Event) {
	c.mu.Lock()
	if c.ended {
		c.mu.Unlock()
		return
	}
	c.ended = true
	se, gotEnd, requestID := c.streamEnd, c.gotEnd, c.requestID
	c.mu.Unlock()

	r := replyOf(e, se, gotEnd)
	if r.requestID == "" {
		r.requestID = requestID
	}
	et := r.errorType
	if et == "" && r.err != nil {
		et = orOther(client.ErrorType(r.err))
	}

	spanAttrs := make([]attribute.KeyValue, 0, 12)
	spanAttrs = append(spanAttrs, r.attributes()...)
	if c.stream && r.verdict.Outcome != streaming.OutcomePending { // pending: it failed before streaming
		spanAttrs = append(spanAttrs, attribute.String("claude.stream.outcome", r.verdict.Outcome.String()))
	}
	if et != "" {
		spanAttrs = append(spanAttrs, attribute.String("error.type", et))
	}
	if o.capture && r.message != nil && r.err == nil {
		spanAttrs = append(spanAttrs, attribute.String("gen_ai.output.messages", outputMessages(r.message)))
	}
	c.span.SetAttributes(spanAttrs...)
	if et != "" {
		c.span.SetStatus(codes.Error, errorMessage(r.err, et))
	}

	mattrs := c.metricAttrs[:len(c.metricAttrs):len(c.metricAttrs)]
	if r.model != "" {
		mattrs = append(mattrs, attribute.String("gen_ai.response.model", r.model))
	}
	durAttrs := mattrs
	if et != "" {
		durAttrs = append(mattrs[:len(mattrs):len(mattrs)], attribute.String("error.type", et))
		o.inst.errors.Add(ctx, 1, metric.WithAttributes(durAttrs...))
	}
	o.inst.duration.Record(ctx, r.duration.Seconds(), metric.WithAttributes(durAttrs...))
	if r.usage.Reported {
		o.inst.tokenUsage.Record(ctx, r.usage.totalInput(), metric.WithAttributes(
			append(mattrs[:len(mattrs):len(mattrs)], attribute.String("gen_ai.token.type", "input"))...))
		o.inst.tokenUsage.Record(ctx, r.usage.Output, metric.WithAttributes(
			append(mattrs[:len(mattrs):len(mattrs)], attribute.String("gen_ai.token.type", "output"))...))
	}
	if c.stream {
		o.inst.activeStreams.Add(ctx, -1, c.metricSet)
	}
	c.span.End()
}

// errorMessage is the span status description: the error's text, or the
// error type when there is no error value (a stream's verdict alone).
func errorMessage(err error, et string) string {
	if err != nil {
		return err.Error()
	}
	return et
}

// orOther is et, or the conventions' fallback "_OTHER" when a failure has
// no class.
func orOther(et string) string {
	if et == "" {
		return client.ErrorTypeOther
	}
	return et
}

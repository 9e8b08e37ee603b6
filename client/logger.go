package client

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"slices"

	"github.com/claudego/claude/streaming"
)

// WithLogger logs every call through l, per client or per call (a call's
// WithLogger replaces the client's; WithLogger(nil) on a call turns logging
// off for it). It is an Observer (ARCHITECTURE.md, Data flow) that uses only
// log/slog:
//
//   - INFO: a request's start and completion (operation, model, request_id,
//     status, duration, input/output/cache tokens, stop_reason), a stream's
//     start and end (with its outcome); an agent run's start and end and
//     each tool call's start and end (extensions/agent).
//   - WARN: a retry, a rate-limit wait, a remaining rate-limit budget under
//     10% of its limit, a breaker state change, failover, a quota refusal,
//     a tool call that did not end ok, an agent run that ended with an
//     error.
//   - ERROR: a call that failed (after its retries), a stream that failed,
//     a circuit that opened, an authentication failure (auth=true). A call
//     the caller cancelled is WARN.
//   - DEBUG: each attempt with its headers, credentials redacted; the bodies
//     too with WithLogBodies.
//
// A failure's line carries error_type, the class ErrorType names (the same
// value the OpenTelemetry module records as error.type).
//
// No key or auth header appears in any line: credential headers are
// redacted, and keys are Secrets. A streamed reply is never buffered to be
// logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			if c.inNew {
				return nilLoggerError
			}
			c.logger = nil
			return nil
		}
		c.logger = &logObserver{l: l}
		return nil
	}
}

var nilLoggerError = errorString("claude: WithLogger: nil logger")

type errorString string

func (e errorString) Error() string { return string(e) }

// WithLogBodies makes the logger (WithLogger, given before or after it) log
// request and non-streamed reply bodies at DEBUG, at most 64 KiB each, with
// base64 image and document data elided (its length shown) and multipart
// uploads (file contents) shown only by size. Streamed replies are never
// buffered to be logged. Without a logger it does nothing.
func WithLogBodies() Option {
	return func(c *config) error {
		c.logBodies = true
		return nil
	}
}

// budgetLow is the fraction of a rate limit under which the remaining
// budget is logged at WARN.
const budgetLow = 0.10

// logObserver is WithLogger's Observer.
type logObserver struct{ l *slog.Logger }

type logCallKey struct{}

// logCall is what the logger remembers of a call between its events.
type logCall struct {
	model  string
	stream bool
}

// CallStart logs the start at INFO and remembers the model for the end.
func (o *logObserver) CallStart(ctx context.Context, c CallInfo) context.Context {
	msg := "claude request"
	if c.Stream {
		msg = "claude stream start"
	}
	o.l.LogAttrs(ctx, slog.LevelInfo, msg, slog.String("op", c.Operation), slog.String("model", c.Model),
		slog.String("server", c.ServerAddress))
	return context.WithValue(ctx, logCallKey{}, logCall{model: c.Model, stream: c.Stream})
}

// Observe logs e at its level.
func (o *logObserver) Observe(ctx context.Context, e Event) {
	call, _ := ctx.Value(logCallKey{}).(logCall)
	switch e.Kind {
	case EventAttemptStart:
		if !o.l.Enabled(ctx, slog.LevelDebug) {
			return
		}
		attrs := []slog.Attr{slog.String("op", e.Operation), slog.Int("attempt", e.Attempt), slog.Int64("request_bytes", e.RequestBytes)}
		attrs = appendHeader(attrs, e.Header)
		if e.Body != nil {
			attrs = append(attrs, slog.String("body", string(e.Body)))
		}
		o.l.LogAttrs(ctx, slog.LevelDebug, "claude attempt", attrs...)
	case EventAttemptEnd:
		o.attemptEnd(ctx, e)
	case EventRetry:
		o.l.LogAttrs(ctx, slog.LevelWarn, "claude retry", slog.String("op", e.Operation), slog.Int("attempt", e.Attempt),
			slog.Int("status", e.Status), errTypeAttr(e.ErrorType), errAttr(e.Err), slog.Duration("wait", e.Wait))
	case EventRateLimitWait:
		o.l.LogAttrs(ctx, slog.LevelWarn, "claude rate limit wait", slog.String("op", e.Operation), slog.Duration("wait", e.Wait))
	case EventCircuitChange:
		level := slog.LevelWarn
		if e.ToState == CircuitOpen {
			level = slog.LevelError
		}
		o.l.LogAttrs(ctx, level, "claude circuit "+e.ToState.String(), slog.String("op", e.Operation), slog.String("breaker", e.Name),
			slog.String("from", e.FromState.String()), slog.String("to", e.ToState.String()), errAttr(e.Err))
	case EventFailover:
		o.l.LogAttrs(ctx, slog.LevelWarn, "claude failover", slog.String("op", e.Operation), slog.String("from", e.From),
			slog.String("to", e.Name), errAttr(e.Err))
	case EventQuotaRefused:
		o.l.LogAttrs(ctx, slog.LevelWarn, "claude quota refused", slog.String("op", e.Operation), slog.String("budget", e.Name), errAttr(e.Err))
	case EventStreamFirstContent:
		o.l.LogAttrs(ctx, slog.LevelDebug, "claude stream first content", slog.String("op", e.Operation), slog.Duration("after", e.Duration))
	case EventStreamEnd:
		o.streamEnd(ctx, e, call)
	case EventCallEnd:
		o.callEnd(ctx, e, call)
	case EventAgentStart, EventAgentEnd, EventToolStart, EventToolEnd:
		o.agentEvent(ctx, e)
	}
}

func (o *logObserver) attemptEnd(ctx context.Context, e Event) {
	if o.l.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{slog.String("op", e.Operation), slog.Int("attempt", e.Attempt), slog.Int("status", e.Status),
			slog.Duration("duration", e.Duration), slog.String("request_id", e.RequestID), errTypeAttr(e.ErrorType), errAttr(e.Err)}
		attrs = appendHeader(attrs, e.Header)
		o.l.LogAttrs(ctx, slog.LevelDebug, "claude attempt end", attrs...)
	}
	rl := e.RateLimit
	if !rl.Known {
		return
	}
	for _, b := range [...]struct {
		name             string
		limit, remaining int64
	}{
		{"requests", rl.RequestsLimit, rl.RequestsRemaining},
		{"tokens", rl.TokensLimit, rl.TokensRemaining},
		{"input_tokens", rl.InputTokensLimit, rl.InputTokensRemaining},
		{"output_tokens", rl.OutputTokensLimit, rl.OutputTokensRemaining},
	} {
		if b.limit > 0 && b.remaining >= 0 && float64(b.remaining) < budgetLow*float64(b.limit) {
			o.l.LogAttrs(ctx, slog.LevelWarn, "claude rate limit budget low", slog.String("op", e.Operation), slog.String("limit", b.name),
				slog.Int64("remaining", b.remaining), slog.Int64("of", b.limit), slog.String("request_id", e.RequestID))
		}
	}
}

func (o *logObserver) streamEnd(ctx context.Context, e Event, call logCall) {
	v := e.Verdict
	level := slog.LevelInfo
	switch v.Outcome {
	case streaming.OutcomeCompleted, streaming.OutcomeCanceled, streaming.OutcomeAbandoned:
	default:
		level = slog.LevelError
	}
	attrs := []slog.Attr{slog.String("op", e.Operation), slog.String("model", model(call, e)), slog.String("request_id", e.RequestID),
		slog.String("outcome", v.Outcome.String()), slog.Duration("duration", e.Duration)}
	attrs = append(attrs, errTypeAttr(e.ErrorType))
	attrs = appendUsage(attrs, e)
	attrs = append(attrs, errAttr(e.Err))
	o.l.LogAttrs(ctx, level, "claude stream end", attrs...)
}

func (o *logObserver) callEnd(ctx context.Context, e Event, call logCall) {
	if call.stream && e.Verdict.Outcome != streaming.OutcomePending {
		return // stream_end said it
	}
	if e.Body != nil && o.l.Enabled(ctx, slog.LevelDebug) {
		o.l.LogAttrs(ctx, slog.LevelDebug, "claude response body", slog.String("op", e.Operation), slog.String("body", string(e.Body)))
	}
	attrs := []slog.Attr{slog.String("op", e.Operation), slog.String("model", model(call, e)), slog.String("request_id", e.RequestID),
		slog.Int("status", e.Status), slog.Duration("duration", e.Duration)}
	if e.Err != nil && errors.Is(e.Err, context.Canceled) {
		// The caller ended it: not a failure of the service.
		o.l.LogAttrs(ctx, slog.LevelWarn, "claude request canceled", append(attrs, errTypeAttr(e.ErrorType), errAttr(e.Err))...)
		return
	}
	if e.Err != nil {
		if e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden {
			attrs = append(attrs, slog.Bool("auth", true))
		}
		attrs = append(attrs, errTypeAttr(e.ErrorType), errAttr(e.Err))
		o.l.LogAttrs(ctx, slog.LevelError, "claude request failed", attrs...)
		return
	}
	attrs = appendUsage(attrs, e)
	if e.StopReason != "" {
		attrs = append(attrs, slog.String("stop_reason", e.StopReason))
	}
	o.l.LogAttrs(ctx, slog.LevelInfo, "claude response", attrs...)
}

// model is the reply's model, or the request's when there was no reply.
func model(call logCall, e Event) string {
	if e.ResponseModel != "" {
		return e.ResponseModel
	}
	return call.model
}

func appendUsage(attrs []slog.Attr, e Event) []slog.Attr {
	u := e.Usage
	if !u.Reported {
		return attrs
	}
	return append(attrs, slog.Int64("input_tokens", u.InputTokens), slog.Int64("output_tokens", u.OutputTokens),
		slog.Int64("cache_read_tokens", u.CacheReadInputTokens), slog.Int64("cache_creation_tokens", u.CacheCreationInputTokens))
}

// errTypeAttr is the error_type attribute (ErrorType's class), empty (so
// left out) on success.
func errTypeAttr(t string) slog.Attr {
	if t == "" {
		return slog.Attr{}
	}
	return slog.String("error_type", t)
}

func errAttr(err error) slog.Attr {
	if err == nil {
		return slog.Attr{}
	}
	return slog.String("error", err.Error())
}

// appendHeader adds h (already redacted) as a group.
func appendHeader(attrs []slog.Attr, h http.Header) []slog.Attr {
	if h == nil {
		return attrs
	}
	hs := make([]any, 0, len(h))
	for _, k := range slices.Sorted(maps.Keys(h)) {
		if v := h[k]; len(v) == 1 {
			hs = append(hs, slog.String(k, v[0]))
		} else {
			hs = append(hs, slog.Any(k, v))
		}
	}
	return append(attrs, slog.Group("header", hs...))
}

package client

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/claudego/claude/streaming"
)

// Observer hears what a call and the layers under it do: the one observer
// interface every layer reports through (ARCHITECTURE.md, Layers). The
// logger (WithLogger) and the OpenTelemetry module (extensions/otel) are
// Observers; no extension imports a logging or telemetry package.
//
// Implementations must be safe for concurrent use and fast: they are called
// synchronously, on the goroutine doing the work they hear about.
type Observer interface {
	// CallStart runs once per call before its first attempt. The context it
	// returns becomes the call's context (a tracer puts its span there;
	// attempt spans and events are then children of it). Return ctx
	// unchanged if nothing to add.
	CallStart(ctx context.Context, c CallInfo) context.Context
	// Observe hears every event of the call, in order, on the context of
	// the call or attempt it belongs to.
	Observe(ctx context.Context, e Event)
}

// AttemptObserver is an Observer that gives each HTTP attempt a context
// of its own (a tracer's attempt span, child of the call's). For such an
// observer the client calls AttemptStart instead of Observe with the
// attempt_start event; the context it returns (ctx unchanged if nothing to
// add) is the attempt's: the request goes on the wire with it, and the
// attempt's later events (attempt_end) are observed on it.
type AttemptObserver interface {
	Observer
	AttemptStart(ctx context.Context, e Event) context.Context
}

// ContentObserver is an Observer that may want the reply itself (for
// content capture): when ObservesContent reports true at the call's start,
// the call's stream_end and call_end carry Event.Message. Without one, no
// call builds a Message for observers: a stream's reply is built only when
// asked for, from the accumulator the stream keeps anyway, and never from a
// buffered body.
type ContentObserver interface {
	Observer
	ObservesContent() bool
}

// ScopeObserver is an Observer that gives an agent run and each of its tool
// calls a context of its own (a tracer's invoke_agent and execute_tool
// spans). ReportStart calls ScopeStart instead of Observe for such an
// observer; the context it returns (ctx unchanged if nothing to add) is the
// scope's, and the scope's end event is observed on it.
type ScopeObserver interface {
	Observer
	ScopeStart(ctx context.Context, e Event) context.Context
}

// CallInfo describes a call as it starts.
type CallInfo struct {
	// Operation is the method's operation name as errors name it
	// ("messages.create", "messages.stream", "messages.count_tokens",
	// "models.list", "batches.create", "files.upload", ...).
	Operation string
	// Model is the request's model when the call has one.
	Model string
	// Stream is true for a streamed call (its call_end comes when the
	// stream ends).
	Stream bool
	// Params is the method's copy of the validated request params, for request
	// attributes and opt-in content capture: a *MessageRequest for
	// Messages.Create and Messages.Stream, a *CountTokensRequest for
	// Messages.CountTokens; nil for the other calls. Observers must not
	// change it (its slices are the caller's).
	Params any
	// ServerAddress and ServerPort are the base URL's host and port (443 or
	// 80 when the URL names none).
	ServerAddress string
	ServerPort    int
}

// EventKind says what an Event reports.
type EventKind uint8

// The kinds of event. Fields of Event not named for a kind are zero.
const (
	// EventCallEnd: the call ended. Err is its error (nil on success);
	// Duration the whole call; for a non-streamed call Status, RequestID,
	// Usage, StopReason, ResponseModel and ResponseID come from the decoded
	// reply. A streamed call ends when its stream ends, whatever the
	// outcome: Verdict says how, and the stream_end event comes just
	// before it.
	EventCallEnd EventKind = iota + 1
	// EventAttemptStart: one HTTP attempt goes on the wire (Attempt,
	// RequestBytes when known). Its context is the attempt's, a child of
	// the call's.
	EventAttemptStart
	// EventAttemptEnd: the attempt's response headers arrived, or it
	// failed (Attempt, Status, Err, Duration, RequestID, ResponseBytes
	// when the Content-Length said, RateLimit from its headers).
	EventAttemptEnd
	// EventRetry: the retry layer will try again (Attempt: the attempt
	// that failed; Status and Err: why; Wait: the backoff before the next).
	EventRetry
	// EventRateLimitWait: the rate limiter holds the call for Wait.
	EventRateLimitWait
	// EventCircuitChange: a circuit breaker (Name) went FromState ->
	// ToState.
	EventCircuitChange
	// EventFailover: failover sends the attempt to endpoint Name instead
	// of From (Err: why the previous one was left).
	EventFailover
	// EventStreamFirstContent: a streamed call's first content arrived;
	// Duration is the time since the call started.
	EventStreamFirstContent
	// EventStreamEnd: a stream ended; Verdict says how, Usage what it
	// reported, Duration the whole call, Err the stream's error.
	EventStreamEnd
	// EventQuotaRefused: the quota refused the call before any I/O (Name:
	// the budget, Err: the refusal).
	EventQuotaRefused
	// EventAgentStart: an agent run (extensions/agent) begins: Name is the
	// agent's name (empty when it has none), Model its model. It is
	// reported with ReportStart: the context it returns is the run's, so
	// the run's calls and tool calls are its children.
	EventAgentStart
	// EventAgentEnd: the agent run ended, on the run's context: Err (nil on
	// success), ErrorType, Duration, Turn (the turns sent), Usage (the
	// run's total), StopReason (the last reply's).
	EventAgentEnd
	// EventToolStart: the agent runs a tool call the model asked for: Name
	// is the tool, ToolCallID the tool_use block's id, Turn the turn that
	// asked. Reported with ReportStart: the context it returns is the one
	// the tool runs with.
	EventToolStart
	// EventToolEnd: the tool call has its result, on the tool's context:
	// Name, ToolCallID, Turn, Duration, Outcome ("ok", or why not: "error",
	// "denied", "invalid_input", "unknown_tool", "timeout", "interrupted",
	// "not_run", "conflict", "held", "panic"), Err (the failure, when the
	// outcome is not ok) and ErrorType (the outcome when not ok).
	EventToolEnd
)

var eventKindNames = [...]string{
	EventCallEnd:            "call_end",
	EventAttemptStart:       "attempt_start",
	EventAttemptEnd:         "attempt_end",
	EventRetry:              "retry",
	EventRateLimitWait:      "rate_limit_wait",
	EventCircuitChange:      "circuit_change",
	EventFailover:           "failover",
	EventStreamFirstContent: "stream_first_content",
	EventStreamEnd:          "stream_end",
	EventQuotaRefused:       "quota_refused",
	EventAgentStart:         "agent_start",
	EventAgentEnd:           "agent_end",
	EventToolStart:          "tool_start",
	EventToolEnd:            "tool_end",
}

// String names the kind in snake case ("call_end", "attempt_start", ...).
func (k EventKind) String() string {
	if int(k) < len(eventKindNames) && eventKindNames[k] != "" {
		return eventKindNames[k]
	}
	return "unknown"
}

// Event is one thing a call or a layer under it did. Which fields are set
// depends on Kind (see the EventKind constants).
type Event struct {
	Kind EventKind
	// Operation is the call's operation; Report fills it in when a layer
	// leaves it empty.
	Operation string
	// Attempt is the 1-based attempt number (attempt_*, retry).
	Attempt int
	// Status is the HTTP status when known.
	Status int
	// Err is the error, when the event is a failure.
	Err error
	// ErrorType is the failure's class (ErrorType(Err), or for an attempt
	// the API's error type read from its error reply, or its status), set
	// by the client on attempt_end, retry, stream_end, call_end and
	// agent_end, so every observer names a failure alike; empty on success.
	ErrorType string
	// Wait is the retry backoff or the rate-limit wait.
	Wait time.Duration
	// Duration is the attempt's (attempt_end) or the whole call's
	// (call_end, stream_end; stream_first_content: time to first content).
	Duration time.Duration
	// RequestID is the request-id header of the reply.
	RequestID string
	// RequestBytes and ResponseBytes are body sizes when known (-1 or 0
	// when not).
	RequestBytes, ResponseBytes int64
	// Usage is the token usage the reply or stream reported.
	Usage streaming.Usage
	// StopReason, ResponseModel and ResponseID come from the reply.
	StopReason, ResponseModel, ResponseID string
	// Verdict says how a stream ended (stream_end, and call_end of a
	// streamed call).
	Verdict streaming.Verdict
	// FromState and ToState are a breaker's transition (circuit_change).
	FromState, ToState CircuitState
	// Name is the breaker (circuit_change), the endpoint switched to
	// (failover), the budget (quota_refused), the agent (agent_*) or the
	// tool (tool_*).
	Name string
	// Model is the agent's model (agent_start).
	Model string
	// ToolCallID is the tool_use block's id (tool_*).
	ToolCallID string
	// Outcome is how a tool call ended (tool_end; see EventToolEnd).
	Outcome string
	// Turn is the agent's turn (tool_*), or the turns a run sent
	// (agent_end).
	Turn int
	// Message is the reply, set only when one of the call's observers is a
	// ContentObserver that wants it (every observer of the call then sees
	// it): at stream_end and call_end of a stream that completed (the
	// Message the Stream accumulated, as Stream.Message returns it), and at
	// call_end of a non-streamed Messages call. Observers must not change
	// it.
	Message *Message
	// From is the endpoint failover left.
	From string
	// RateLimit is what the attempt's anthropic-ratelimit-* headers said
	// (attempt_end).
	RateLimit RateLimit
	// Header is the attempt's request headers (attempt_start) or reply
	// headers (attempt_end), with every credential header redacted. It is
	// set only when a logger at DEBUG level is on (WithLogger), else nil.
	// Observers must not change it.
	Header http.Header
	// Body is the request body (attempt_start) or the non-streamed reply
	// (call_end), with base64 data elided, set only when WithLogBodies
	// asked for bodies. A streamed reply's body is never buffered for it.
	// For a tool call it is the call's input JSON (tool_start) and its
	// result as JSON, a string or content blocks (tool_end), set only when
	// a ContentObserver asks (ContentObserved), as the reply's Message is.
	Body []byte
}

// RateLimit is the rate-limit state a reply's anthropic-ratelimit-*
// headers report. A field is -1 when its header was absent; Known is false
// when none was present.
type RateLimit struct {
	Known                                    bool
	RequestsLimit, RequestsRemaining         int64
	TokensLimit, TokensRemaining             int64
	InputTokensLimit, InputTokensRemaining   int64
	OutputTokensLimit, OutputTokensRemaining int64
}

// WithObserver adds o to the observers of the client (given to New) or of
// one call. Several compose in the order given, the client's before the
// call's; each hears every event.
func WithObserver(o Observer) Option {
	return func(c *config) error {
		if o == nil {
			return errors.New("claude: WithObserver: nil observer")
		}
		c.observers = append(c.observers[:len(c.observers):len(c.observers)], o)
		return nil
	}
}

type observersKey struct{}

// Report is how a layer (an extension) tells the call's observers
// something: it finds them in ctx (the request's context), fills in the
// operation when e has none, and calls each. With no observers it does
// nothing and allocates nothing.
func Report(ctx context.Context, e Event) {
	if ctx == nil {
		return
	}
	co, _ := ctx.Value(observersKey{}).(*callScope)
	if co == nil {
		return
	}
	if e.Operation == "" {
		e.Operation = co.op
	}
	if e.ErrorType == "" && e.Err != nil {
		e.ErrorType = ErrorType(e.Err)
	}
	for _, o := range co.obs {
		o.Observe(ctx, e)
	}
}

// Observed reports whether ctx belongs to a call with observers, so a layer
// can skip building an event nobody hears.
func Observed(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	co, _ := ctx.Value(observersKey{}).(*callScope)
	return co != nil
}

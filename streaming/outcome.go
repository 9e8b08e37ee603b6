package streaming

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/claudego/claude/internal/apierror"
)

// Outcome is how a stream ended. Every stream ends in exactly one, decided
// once, in this package (see ARCHITECTURE.md, rule 9, "One home per job"): the
// Stream decides it for what it reads, and a body read without a Stream is
// judged by the same code through Watch. The retry layer, the circuit
// breaker and observability read it instead of looking at the bytes.
type Outcome uint8

// The outcomes. The zero value, OutcomePending, means the stream has not
// ended yet.
const (
	// OutcomePending: the stream is still open.
	OutcomePending Outcome = iota
	// OutcomeCompleted: message_stop arrived.
	OutcomeCompleted
	// OutcomeErrorEvent: the server sent an `event: error`; Verdict.ErrorType
	// names its type (overloaded_error, api_error, ...).
	OutcomeErrorEvent
	// OutcomeTruncated: the body ended, or the connection broke, before
	// message_stop.
	OutcomeTruncated
	// OutcomeIdleTimeout: no bytes arrived for the idle timeout.
	OutcomeIdleTimeout
	// OutcomeMalformed: an event was not what its type requires, an event was
	// over the size limit, or the message grew past its limit.
	OutcomeMalformed
	// OutcomeCanceled: the caller cancelled (Stream.Cancel, or the request's
	// context was cancelled or passed its deadline).
	OutcomeCanceled
	// OutcomeAbandoned: the caller closed the stream before its end.
	OutcomeAbandoned
)

// String names the outcome in lower case ("completed", "error_event", ...).
func (o Outcome) String() string {
	switch o {
	case OutcomePending:
		return "pending"
	case OutcomeCompleted:
		return "completed"
	case OutcomeErrorEvent:
		return "error_event"
	case OutcomeTruncated:
		return "truncated"
	case OutcomeIdleTimeout:
		return "idle_timeout"
	case OutcomeMalformed:
		return "malformed"
	case OutcomeCanceled:
		return "canceled"
	case OutcomeAbandoned:
		return "abandoned"
	}
	return "unknown"
}

// CallerEnded reports whether the caller, not the server, ended the stream
// (canceled or abandoned): such a stream says nothing about the service, so
// a circuit breaker does not count it.
func (o Outcome) CallerEnded() bool { return o == OutcomeCanceled || o == OutcomeAbandoned }

// Verdict is the one account of how a stream ended.
type Verdict struct {
	Outcome Outcome
	// ErrorType is the error event's type for OutcomeErrorEvent.
	ErrorType string
	// Err is the error the stream ended with (what Stream.Err returns): nil
	// for OutcomeCompleted and OutcomeAbandoned, a *apierror.Error for an
	// error event, otherwise an error wrapping ErrTruncated, ErrIdleTimeout,
	// ErrMalformedEvent, ErrEventTooLarge, ErrMessageTooLarge or the
	// context's error.
	Err error
	// Usage is the token usage the stream reported (message_start's, with
	// message_delta's counts applied), zero when it reported none.
	Usage Usage
	// MessageID, Model (message_start's) and StopReason (message_delta's)
	// describe the reply, when Config.Describe asked for them and the
	// stream got that far.
	MessageID, Model, StopReason string
}

// Usage is the token counts a stream reported so far.
type Usage struct {
	InputTokens              int64
	OutputTokens             int64
	CacheCreationInputTokens int64
	CacheReadInputTokens     int64
	// CacheCreation1hInputTokens is the part of CacheCreationInputTokens
	// written to the 1-hour cache (usage.cache_creation), which is priced
	// higher than the 5-minute rest.
	CacheCreation1hInputTokens int64
	// Reported is true once an event carried usage.
	Reported bool
}

// Observer is how a layer hears about a stream without reading its bytes:
// the one body observer of the reliability layers and observability. Each
// func is optional and called at most once, from the goroutine reading the
// stream (End may also run on the goroutine that closes or cancels it).
type Observer struct {
	// FirstContent is called when the first content arrives: the first
	// content_block_delta, or message_stop if none came.
	FirstContent func()
	// End is called once with the verdict, when the stream ends.
	End func(Verdict)
}

// IsEventStream reports whether resp is a 2xx text/event-stream reply, the
// replies Watch and Prelude are for.
func IsEventStream(resp *http.Response) bool {
	if resp == nil || resp.StatusCode/100 != 2 || resp.Body == nil {
		return false
	}
	// The common answers are told apart without parsing a media type:
	// the header is read by its canonical key (Get recomputes it), and the
	// API's JSON and stream replies name their types exactly.
	ct := resp.Header["Content-Type"]
	if len(ct) == 0 {
		return false
	}
	switch ct[0] {
	case "application/json":
		return false
	case "text/event-stream":
		return true
	}
	mt, _, _ := mime.ParseMediaType(ct[0])
	return mt == "text/event-stream"
}

// judge is the one place a stream's ending is decided from what reading
// returned: readErr from the framer (nil when decodeErr is set), decodeErr
// from decoding an event; ordinal counts the events read; ctx is the
// request's context (nil when unknown). The caller's own
// ending (Cancel, Close, the context) is decided where it happens and wins
// when it came first (see Stream.decide).
func judge(ctx context.Context, readErr, decodeErr error, ordinal int) Verdict {
	if ctx != nil && ctx.Err() != nil {
		// The request's context ended: whatever reading returned after
		// that (a closed body, a reset) is the caller's cancellation.
		return Verdict{Outcome: OutcomeCanceled, Err: context.Cause(ctx)}
	}
	if decodeErr != nil {
		var ae *apierror.Error
		if errors.As(decodeErr, &ae) {
			return Verdict{Outcome: OutcomeErrorEvent, ErrorType: ae.Type, Err: decodeErr}
		}
		return Verdict{Outcome: OutcomeMalformed, Err: decodeErr}
	}
	switch {
	case errors.Is(readErr, ErrIdleTimeout):
		return Verdict{Outcome: OutcomeIdleTimeout, Err: readErr}
	case errors.Is(readErr, ErrEventTooLarge):
		return Verdict{Outcome: OutcomeMalformed, Err: readErr}
	case readErr == io.EOF:
		return Verdict{Outcome: OutcomeTruncated, Err: fmt.Errorf("%w: the body ended after %d events", ErrTruncated, ordinal)}
	case errors.Is(readErr, context.Canceled), errors.Is(readErr, context.DeadlineExceeded):
		return Verdict{Outcome: OutcomeCanceled, Err: readErr}
	}
	return Verdict{Outcome: OutcomeTruncated, Err: fmt.Errorf("%w: after %d events: %w", ErrTruncated, ordinal, readErr)}
}

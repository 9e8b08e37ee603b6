package claudeotel

import (
	"context"
	"errors"
	"strconv"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// errorTypeOther is the conventions' fallback error.type value.
const errorTypeOther = "_OTHER"

// errorType names err's class for the error.type attribute: the API's error
// type ("overloaded_error", "rate_limit_error") when the server named one, the
// HTTP status when it did not, then the client's own kinds (a stream
// "truncated", "idle_timeout" or "malformed", "timeout", "canceled",
// "circuit_open", "rate_limit_wait", "validation", "no_endpoint"), and
// "_OTHER" for anything else. A bounded set, so the value is safe as a
// metric attribute. Empty for nil.
func errorType(err error) string {
	if err == nil {
		return ""
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		if apiErr.Type != "" {
			return apiErr.Type
		}
		if apiErr.StatusCode != 0 {
			return strconv.Itoa(apiErr.StatusCode)
		}
	}
	for _, k := range errorKinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return errorTypeOther
}

// errorKinds are the client-side failures with a name of their own, in the
// order they are tested (a retry error wrapping a timeout is a timeout).
var errorKinds = []struct {
	err  error
	name string
}{
	{streaming.ErrTruncated, "truncated"},
	{streaming.ErrIdleTimeout, "idle_timeout"},
	{streaming.ErrMalformedEvent, "malformed"},
	{streaming.ErrEventTooLarge, "event_too_large"},
	{streaming.ErrMessageTooLarge, "message_too_large"},
	{client.ErrCircuitOpen, "circuit_open"},
	{client.ErrRateLimitWait, "rate_limit_wait"},
	{client.ErrNoEndpoint, "no_endpoint"},
	{client.ErrValidation, "validation"},
	{client.ErrStreamingRequired, "streaming_required"},
	{client.ErrTimeout, "timeout"},
	{context.DeadlineExceeded, "timeout"},
	{context.Canceled, "canceled"},
}

// verdictErrorType names a stream's ending for error.type: empty for a
// completed (or abandoned: the caller chose to stop) stream.
func verdictErrorType(v streaming.Verdict) string {
	switch v.Outcome {
	case streaming.OutcomeCompleted, streaming.OutcomeAbandoned, streaming.OutcomePending:
		return ""
	case streaming.OutcomeErrorEvent:
		if v.ErrorType != "" {
			return v.ErrorType
		}
	}
	if t := errorType(v.Err); t != "" && t != errorTypeOther {
		return t
	}
	return v.Outcome.String()
}

package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/streaming"
)

// Retryable is the one answer to "may sending this request again succeed?".
// The retry layer, the circuit breaker, failover and the batch runner all ask
// it, so they never disagree (see ARCHITECTURE.md, one home per job). It takes
// what a RoundTripper sees: a response (err nil) or an error (resp nil).
//
//   - A response: the x-should-retry header when the server sent one (any
//     strconv.ParseBool spelling: "true", "1", "false", "0"); otherwise 408,
//     409, 429 and 5xx (529 included) are retryable, a 2xx or another 4xx is
//     not.
//   - An *APIError: the same rules (APIError.Retryable), and for a
//     mid-stream error event its type (overloaded, rate limit, api, timeout).
//   - Errors that sending again cannot cure are not retryable: failed
//     validation, ErrStreamingRequired, no credentials, a response that
//     cannot be decoded (ErrDecode), a malformed or oversized stream event,
//     a line too long, a layer's refusal (circuit open, rate-limit wait, no
//     endpoint), retries already exhausted, and the caller's context ending.
//   - Anything else (a refused or reset connection, a timeout, a stream
//     truncated or stalled) is retryable.
func Retryable(resp *http.Response, err error) bool {
	if err == nil {
		if resp == nil || resp.StatusCode < 400 {
			return false
		}
		if v := apierror.ShouldRetryHeader(resp.Header); v != nil {
			return *v
		}
		return apierror.RetryableStatus(resp.StatusCode)
	}
	switch {
	case errors.Is(err, ErrRetriesExhausted), errors.Is(err, ErrValidation),
		errors.Is(err, ErrStreamingRequired), errors.Is(err, ErrNoCredentials),
		errors.Is(err, ErrCircuitOpen), errors.Is(err, ErrRateLimitWait), errors.Is(err, ErrNoEndpoint),
		errors.Is(err, ErrDecode), errors.Is(err, ErrLineTooLong),
		errors.Is(err, streaming.ErrMalformedEvent), errors.Is(err, streaming.ErrEventTooLarge),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if errors.As(err, &se) || errors.As(err, &te) {
		return false // malformed JSON that reached here without a DecodeError
	}
	if e, ok := apierror.As(err); ok {
		return e.Retryable()
	}
	return true
}

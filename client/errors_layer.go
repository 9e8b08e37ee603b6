package client

import (
	"net/http"
	"time"

	"github.com/claudego/claude/internal/apierror"
)

// The functions below are the error vocabulary a layer (an extension, or
// your own middleware) needs: the same code the client reads replies with,
// so every layer agrees with it (ARCHITECTURE.md, "One home per job").
// The package behind them is internal; these are its public names.

// ParseRetryAfter reads retry-after-ms, then retry-after (delta seconds or an
// HTTP date relative to now). It returns zero when neither is usable (NaN,
// infinities, negative values, past dates) and is clamped, so a hostile
// value never overflows a time.Duration.
func ParseRetryAfter(h http.Header, now time.Time) time.Duration {
	return apierror.ParseRetryAfter(h, now)
}

// ShouldRetryHeader reads the x-should-retry header: nil when absent or not
// a boolean, else its value ("1" and "true" both count).
func ShouldRetryHeader(h http.Header) *bool { return apierror.ShouldRetryHeader(h) }

// ErrorFromResponse reads and closes a non-2xx response's body and returns
// the *APIError it describes, attributed to the operation op ("" when the
// caller names it later, as the retry layer does).
func ErrorFromResponse(op string, resp *http.Response) *APIError {
	return apierror.FromResponse(op, resp)
}

// ErrorDetail returns err's message without the "claude: OP: " prefix the
// client's errors carry, for errors that embed another's text in their own
// (the retry layer's "retries exhausted after 3 attempt(s): ..."), so the
// operation and the prefix appear once in the final message.
func ErrorDetail(err error) string { return apierror.Detail(err) }

package retry

import (
	"fmt"

	"github.com/claudego/claude/client"
)

// RetryError is the former name of Error.
//
// Deprecated: use Error.
type RetryError = Error

// Error is returned when the retry layer gives up on a failure it would
// otherwise retry: attempts ran out, or the next wait would pass the call's
// deadline or the Config's Budget. It wraps Last, so errors.Is(err,
// client.ErrOverloaded) and errors.As(err, &apiErr) see the last failure (with
// its RetryAfter), and it matches client.ErrRetriesExhausted.
type Error struct {
	// Attempts is how many attempts were sent.
	Attempts int
	// Last is the last attempt's error: a *client.APIError for a failed
	// status or stream prelude, else the transport error.
	Last error
	// Deadline is true when the layer stopped early because the next wait
	// would pass the context's deadline or the Budget.
	Deadline bool
}

// Error says how many attempts were made and why they ended.
func (e *Error) Error() string {
	why := "retries exhausted"
	if e.Deadline {
		why = "next retry would pass the deadline"
	}
	return fmt.Sprintf("retry: %s after %d attempt(s): %s", why, e.Attempts, client.ErrorDetail(e.Last))
}

// Unwrap returns the last error and client.ErrRetriesExhausted.
func (e *Error) Unwrap() []error { return []error{e.Last, client.ErrRetriesExhausted} }

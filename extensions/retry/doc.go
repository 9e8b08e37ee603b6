// Package retry is the opt-in retry layer of the claude client: exponential
// backoff with jitter whose defaults equal the official SDK's (2 retries,
// 0.5 s doubling to 8 s, minus up to 25 % jitter).
//
// It retries connection errors, timeouts, 408, 409, 429, 5xx and 529, never
// another 4xx, and obeys the server's retry-after-ms, retry-after (seconds or
// an HTTP date) and x-should-retry headers. It is deadline-aware: when the
// next wait would pass the context's deadline (or Config.Budget), it returns
// at once a *Error wrapping the typed 429/529 with its RetryAfter,
// instead of sleeping to the deadline and losing the error.
//
// Streams are retried only before their response headers, and, with
// Config.RetryStreamPrelude, when they fail before the first content delta;
// never after content was delivered. Config.AttemptTimeout bounds each
// attempt up to its response headers, so a long stream is never cut.
//
// Turn it on for a client or for one call:
//
//	c, err := client.New(retry.New(retry.Config{}))
//	msg, err := c.Messages.Create(ctx, req, retry.New(retry.Config{MaxRetries: 5}))
//
// Errors: *Error (matches client.ErrRetriesExhausted and whatever the
// last failure matches), ErrAttemptTimeout (also client.ErrTimeout).
package retry

// Package ratelimit is the opt-in client-side rate limiter: token buckets
// for requests, input tokens and output tokens per minute (input estimated
// from the request body, output from max_tokens, both corrected with the
// response's usage), which also learn from the anthropic-ratelimit-* and
// retry-after headers, so that when the server says nothing remains until a
// reset, calls wait (bounded by their context) or are rejected with
// ErrRateLimitWait instead of earning a 429. Install it with New(cfg), or
// NewLimiter(cfg).Option() to keep the *Limiter and read its Info; it takes
// the rate-limit slot of the client's pipeline, outside the circuit breaker
// and retry.
package ratelimit

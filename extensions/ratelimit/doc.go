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
//
// With Config.Store (client/limitstore: in memory, or Redis through
// extensions/redisstore) the per-minute limits are token buckets in the
// store (limitstore.Counter with Refill), refilled continuously as the
// API's own are, so the limiters of several clients and processes share one
// limit and never pass it together.
//
// Its place outside retry is a decision: it paces calls, not attempts, so
// the retries of one admitted call are not paced again (retry waits its own
// backoff and the server's retry-after), and a call never waits twice for
// the same budget. The cost: while calls are being retried, up to
// MaxRetries+1 requests go out per admitted call. To pace every attempt
// instead, place a limiter l := NewLimiter(cfg) inside the retry loop with
// client.WithMiddlewareAt(client.After("retry"), "ratelimit-attempts", l.Middleware).
package ratelimit

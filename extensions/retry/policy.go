package retry

import (
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// NoRetries, as Config.MaxRetries, turns retries off: the zero value already
// means the default (2), so "none" is spelled out.
const NoRetries = -1

// NoJitter, as Config.Jitter, turns jitter off: the zero value already means
// the default (0.25), so "none" is spelled out.
const NoJitter = -1.0

// Policy is the former name of Config.
//
// Deprecated: use Config.
type Policy = Config

// Config configures the retry layer. The zero value is the official SDK's
// behaviour: 2 retries, backoff from 0.5 s doubling to 8 s minus up to 25 %
// jitter, server hints honoured.
type Config struct {
	// MaxRetries is how many times a call is sent again after its first
	// attempt. Zero means the default, 2; NoRetries (any negative value)
	// means none.
	MaxRetries int
	// BaseDelay is the wait before the first retry. Default 500 ms.
	BaseDelay time.Duration
	// MaxDelay caps the doubling backoff. Default 8 s.
	MaxDelay time.Duration
	// Jitter is the largest fraction taken off each computed backoff at
	// random. Zero means the default, 0.25; NoJitter (any negative value)
	// means none.
	Jitter float64
	// MaxRetryAfter is the longest server-advised wait (retry-after-ms,
	// retry-after) that is honoured as is; a longer or absent hint falls back
	// to the computed backoff. Default 60 s, as the official SDK.
	MaxRetryAfter time.Duration
	// AttemptTimeout bounds one attempt until its response headers arrive
	// (for a 2xx the body read is not covered, so a long stream is never cut).
	// A timed-out attempt is retried. Zero means no per-attempt bound; the
	// call's context still bounds everything.
	AttemptTimeout time.Duration
	// Budget bounds the time spent on one call including waits: a retry whose
	// wait would pass it is not made. Zero means no budget beyond the
	// context's deadline.
	Budget time.Duration
	// RetryStreamPrelude, when true, also retries a 2xx event stream that
	// fails before its first content delta (an `event: error` such as
	// overloaded_error right after message_start, a stream cut, stalled past
	// the client's stream idle timeout, or malformed before any content). The
	// layer reads the stream's prefix up to the first content_block_delta
	// with streaming.Prelude (the client's own framer and verdict, bounded by
	// MaxPreludeBytes, the idle timeout and the context), then hands the
	// caller a body that replays it, so nothing is ever retried after content
	// was delivered. When these retries run out the call fails with
	// *Error (wrapping the mid-stream *client.APIError, or the stream's
	// error: errors.Is(err, client.ErrIdleTimeout) for a stall); an error
	// event that is not retryable is handed to the caller in the stream as it
	// came. Default false.
	RetryStreamPrelude bool
	// MaxPreludeBytes caps the buffered stream prefix; past it the stream is
	// handed over as is. Default 1 MiB.
	MaxPreludeBytes int
	// ShouldRetry, when set, replaces the default decision for a response
	// (err nil) or an error (resp nil). The default is client.Retryable, the
	// answer every layer shares: connection errors, timeouts, 408, 409, 429,
	// 5xx and 529, never other 4xx, and x-should-retry when the server sends
	// it ("true"/"1", "false"/"0").
	ShouldRetry func(resp *http.Response, err error) bool
	// OnAttempt, when set, is called after every attempt; see Attempt.
	OnAttempt func(Attempt)
	// JitterSeed, when non-zero, seeds the layer's own jitter generator, so
	// the same sequence of retries waits the same durations run after run
	// (a replayed incident, a simulation, a golden log). Zero means jitter is
	// drawn from math/rand/v2's global source.
	JitterSeed uint64
}

// Attempt describes one attempt, for Config.OnAttempt.
type Attempt struct {
	// Number counts attempts from 1.
	Number int
	// StatusCode is the response status, zero when there was none.
	StatusCode int
	// Err is the attempt's error: the transport error, or the *client.APIError
	// a failed status stands for; nil on success.
	Err error
	// Retry reports whether another attempt follows.
	Retry bool
	// Delay is the wait before the next attempt (zero when Retry is false).
	Delay time.Duration
}

// withDefaults fills the zero fields.
func (p Config) withDefaults() Config {
	switch {
	case p.MaxRetries == 0:
		p.MaxRetries = 2
	case p.MaxRetries < 0:
		p.MaxRetries = 0
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 8 * time.Second
	}
	switch {
	case p.Jitter == 0:
		p.Jitter = 0.25
	case p.Jitter < 0:
		p.Jitter = 0
	case p.Jitter > 1:
		p.Jitter = 1
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = 60 * time.Second
	}
	if p.MaxPreludeBytes <= 0 {
		p.MaxPreludeBytes = 1 << 20
	}
	return p
}

// Backoff returns the computed wait before retry number n (1 for the first
// retry), jitter included: BaseDelay x 2^(n-1), capped at MaxDelay, minus up
// to Jitter of it. With JitterSeed set, the jitter is the seeded generator's
// first draw.
func (p Config) Backoff(n int) time.Duration {
	p = p.withDefaults()
	return p.backoff(n, p.newJitter()())
}

// backoff is the wait before retry n for a jitter draw r in [0, 1).
func (p *Config) backoff(n int, r float64) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	return d - time.Duration(float64(d)*p.Jitter*r)
}

// newJitter returns the draws one layer takes its jitter from: the global
// source, or a generator seeded with JitterSeed that the layer's concurrent
// calls share under a lock.
func (p *Config) newJitter() func() float64 {
	if p.JitterSeed == 0 {
		return rand.Float64
	}
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(p.JitterSeed, p.JitterSeed))
	return func() float64 {
		mu.Lock()
		defer mu.Unlock()
		return r.Float64()
	}
}

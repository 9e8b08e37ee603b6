package preset

import (
	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/ratelimit"
	"github.com/claudego/claude/extensions/retry"
)

// Config tunes the recommended set; the zero value is the recommendation.
type Config struct {
	// Retry is the retry policy. The zero Config is the official SDK's
	// (2 retries, 0.5 s to 8 s backoff, server hints honoured);
	// RetryStreamPrelude is turned on by the preset unless
	// DisableStreamPreludeRetry is set.
	Retry retry.Config
	// DisableStreamPreludeRetry keeps streams from being retried when they
	// fail before their first content delta.
	DisableStreamPreludeRetry bool
	// Breaker configures the circuit breaker (zero: open after 5 consecutive
	// failures, 30 s open, 1 probe).
	Breaker circuitbreaker.Config
	// RateLimit configures the limiter (zero: no local limits, learn from the
	// anthropic-ratelimit-* headers and wait for the reset instead of drawing
	// a 429).
	RateLimit ratelimit.Config
}

// Preset is the recommended set of layers with its shared state, so the
// breaker and limiter can be observed.
type Preset struct {
	Breaker *circuitbreaker.Breaker
	Limiter *ratelimit.Limiter
	// Retry is the retry policy in use.
	Retry retry.Config
}

// New returns the option that turns on the recommended set tuned by c. Use
// NewPreset(c).Option() instead to keep the *Preset and observe its breaker
// and limiter.
func New(c Config) client.Option { return NewPreset(c).Option() }

// Settings is the former name of Config.
//
// Deprecated: use Config.
type Settings = Config

// NewPreset builds the set from s. Its breaker and limiter are created here,
// once, and shared by every client and call that uses Option.
func NewPreset(s Config) *Preset {
	p := s.Retry
	if !s.DisableStreamPreludeRetry {
		p.RetryStreamPrelude = true
	}
	return &Preset{
		Breaker: circuitbreaker.NewBreaker(s.Breaker),
		Limiter: ratelimit.NewLimiter(s.RateLimit),
		Retry:   p,
	}
}

// Option turns on the set: rate limiting learned from headers, the circuit
// breaker, and retry (with stream-prelude retry), each in its pipeline slot.
func (p *Preset) Option() client.Option {
	return client.WithOptions(p.Limiter.Option(), p.Breaker.Option(), retry.New(p.Retry))
}

// Recommended returns the option that turns on the recommended set with its
// defaults; it is New(Config{}). Use NewPreset to observe the breaker
// and limiter.
func Recommended() client.Option { return New(Config{}) }

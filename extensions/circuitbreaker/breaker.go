package circuitbreaker

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
	"github.com/claudego/claude/streaming"
)

// State is the breaker's state: client.CircuitState, the vocabulary the
// readiness handler of the health checker reads.
type State = client.CircuitState

// The states: Closed lets calls through, Open refuses them without I/O,
// HalfOpen lets a few probes through to decide.
const (
	Closed   = client.CircuitClosed
	Open     = client.CircuitOpen
	HalfOpen = client.CircuitHalfOpen
)

// Config configures a Breaker. The zero value works: open after 5
// consecutive failures, stay open 30 s, then let 1 probe through, close after
// 1 success.
type Config struct {
	// Name labels the breaker in errors and in health reports. Default "claude".
	Name string
	// FailureThreshold is how many consecutive failures open the circuit.
	// Default 5.
	FailureThreshold int
	// OpenDuration is how long the circuit stays open before it half-opens.
	// Default 30 s.
	OpenDuration time.Duration
	// HalfOpenProbes is how many calls may be in flight while half-open;
	// others fail fast. Default 1.
	HalfOpenProbes int
	// SuccessThreshold is how many consecutive successful probes close the
	// circuit again. Default 1. A failed probe reopens it.
	SuccessThreshold int
	// IsFailure, when set, replaces the default classification. The default
	// counts only signs the service is unhealthy: 5xx, 529, 408, connection
	// errors and timeouts (a *retry.Error counts as its last failure).
	// 4xx never counts, 429 included: a rate limit is about the caller's
	// rate, not the service's health. A cancelled context is ignored.
	IsFailure func(resp *http.Response, err error) bool
	// OnStateChange, when set, is called (with the breaker's lock released)
	// on every transition.
	OnStateChange func(name string, from, to State)
}

// Counts are the breaker's counters, as of the last transition for the
// consecutive ones.
type Counts struct {
	Requests             uint64 // calls let through
	Rejected             uint64 // calls refused while open or half-open and full
	TotalSuccesses       uint64
	TotalFailures        uint64
	ConsecutiveSuccesses uint32
	ConsecutiveFailures  uint32
}

// OpenError is returned, without any I/O, while the circuit is open. It
// matches client.ErrCircuitOpen.
type OpenError struct {
	// Name is the breaker's name.
	Name string
	// Until is when the circuit half-opens (for a full half-open circuit, the
	// current time: retry soon).
	Until time.Time
}

// Error says the circuit is open and when it will half-open.
func (e *OpenError) Error() string {
	return fmt.Sprintf("circuitbreaker %s: circuit open until %s", e.Name, e.Until.Format(time.RFC3339Nano))
}

// Unwrap returns client.ErrCircuitOpen.
func (e *OpenError) Unwrap() error { return client.ErrCircuitOpen }

// Breaker is a circuit breaker shared by every call of the clients it is
// installed on. It is safe for concurrent use.
type Breaker struct {
	s Config

	mu        sync.Mutex
	state     State
	gen       uint64
	openUntil time.Time
	probes    int
	counts    Counts
	lastErr   error
	lastErrAt time.Time
}

// New returns the option that installs a new breaker with c in the
// circuit-breaker slot of the pipeline. Use NewBreaker(c).Option() instead to
// keep the *Breaker, to read its State or share it between clients.
func New(c Config) client.Option { return NewBreaker(c).Option() }

// Settings is the former name of Config.
//
// Deprecated: use Config.
type Settings = Config

// NewBreaker returns a Closed breaker with s (zero fields take their
// defaults). Its state is created here, once, so every client and call that
// uses its Option shares it.
func NewBreaker(s Config) *Breaker {
	if s.Name == "" {
		s.Name = "claude"
	}
	if s.FailureThreshold <= 0 {
		s.FailureThreshold = 5
	}
	if s.OpenDuration <= 0 {
		s.OpenDuration = 30 * time.Second
	}
	if s.HalfOpenProbes <= 0 {
		s.HalfOpenProbes = 1
	}
	if s.SuccessThreshold <= 0 {
		s.SuccessThreshold = 1
	}
	return &Breaker{s: s}
}

// Option installs the breaker in the circuit-breaker slot of the pipeline
// (after the rate limiter, before retry), for a client or one call.
func (b *Breaker) Option() client.Option {
	return client.WithLayer(client.LayerCircuitBreaker, b.Middleware)
}

// Middleware wraps next: calls fail fast with *OpenError while the circuit
// is open; outcomes are counted.
func (b *Breaker) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		ctx := req.Context()
		gen, err := b.allow(ctx)
		if err != nil {
			if req.Body != nil {
				req.Body.Close() // RoundTripper contract: the body is ours to close
			}
			return nil, err
		}
		resp, err := next.RoundTrip(req)
		if err == nil && streaming.IsEventStream(resp) {
			watchStream(ctx, b, gen, resp)
			return resp, nil
		}
		b.done(ctx, gen, resp, err)
		return resp, err
	})
}

// Name returns the breaker's name.
func (b *Breaker) Name() string { return b.s.Name }

// State returns the current state (an Open circuit whose OpenDuration has
// passed reports HalfOpen).
func (b *Breaker) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == Open && !time.Now().Before(b.openUntil) {
		return HalfOpen
	}
	return b.state
}

// Counts returns a copy of the counters.
func (b *Breaker) Counts() Counts {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.counts
}

// OpenUntil returns when an open circuit half-opens (zero when not open).
func (b *Breaker) OpenUntil() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state != Open {
		return time.Time{}
	}
	return b.openUntil
}

// LastError returns when the last failure counted happened and what it was
// (a nil error when none has been counted).
func (b *Breaker) LastError() (at time.Time, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.lastErrAt, b.lastErr
}

// Allow is the first half of the two-step protocol: it returns a generation
// to pass to Done, or *OpenError. Middleware uses it; it is exported for
// callers that guard something else than an http.RoundTripper.
func (b *Breaker) Allow() (uint64, error) { return b.allow(context.Background()) }

// allow is Allow reporting a transition to the observers of the call in
// ctx.
func (b *Breaker) allow(ctx context.Context) (uint64, error) {
	b.mu.Lock()
	now := time.Now()
	var trans *[2]State
	if b.state == Open && !now.Before(b.openUntil) {
		trans = b.setState(HalfOpen)
	}
	switch {
	case b.state == Open:
		b.counts.Rejected++
		until := b.openUntil
		b.mu.Unlock()
		return 0, &OpenError{Name: b.s.Name, Until: until}
	case b.state == HalfOpen && b.probes >= b.s.HalfOpenProbes:
		b.counts.Rejected++
		b.mu.Unlock()
		b.notify(ctx, trans)
		return 0, &OpenError{Name: b.s.Name, Until: now}
	case b.state == HalfOpen:
		b.probes++
	}
	b.counts.Requests++
	gen := b.gen
	b.mu.Unlock()
	b.notify(ctx, trans)
	return gen, nil
}

// Done records the outcome of a call let through by Allow with generation
// gen. Outcomes from an older generation (before a transition) are ignored.
func (b *Breaker) Done(gen uint64, resp *http.Response, err error) {
	b.done(context.Background(), gen, resp, err)
}

// done is Done reporting a transition to the observers of the call in ctx.
func (b *Breaker) done(ctx context.Context, gen uint64, resp *http.Response, err error) {
	out := rtutil.Classify(resp, err)
	if b.s.IsFailure != nil {
		out = rtutil.Success
		if b.s.IsFailure(resp, err) {
			out = rtutil.Failure
		}
	}
	b.record(ctx, gen, out, resp, err)
}

// record counts one outcome of generation gen.
func (b *Breaker) record(ctx context.Context, gen uint64, out rtutil.Outcome, resp *http.Response, err error) {
	b.mu.Lock()
	if gen != b.gen {
		b.mu.Unlock()
		return
	}
	if b.state == HalfOpen && b.probes > 0 {
		b.probes--
	}
	var trans *[2]State
	switch out {
	case rtutil.Success:
		b.counts.TotalSuccesses++
		b.counts.ConsecutiveSuccesses++
		b.counts.ConsecutiveFailures = 0
		if b.state == HalfOpen && int(b.counts.ConsecutiveSuccesses) >= b.s.SuccessThreshold {
			trans = b.setState(Closed)
		}
	case rtutil.Failure:
		b.counts.TotalFailures++
		b.counts.ConsecutiveFailures++
		b.counts.ConsecutiveSuccesses = 0
		b.lastErr, b.lastErrAt = failureError(resp, err), time.Now()
		if b.state == HalfOpen || b.state == Closed && int(b.counts.ConsecutiveFailures) >= b.s.FailureThreshold {
			trans = b.setState(Open)
		}
	}
	b.mu.Unlock()
	b.notify(ctx, trans)
}

// setState moves to s under the lock and returns the transition to report.
func (b *Breaker) setState(s State) *[2]State {
	from := b.state
	b.state = s
	b.gen++
	b.probes = 0
	b.counts.ConsecutiveFailures, b.counts.ConsecutiveSuccesses = 0, 0
	if s == Open {
		b.openUntil = time.Now().Add(b.s.OpenDuration)
	}
	return &[2]State{from, s}
}

// notify tells OnStateChange and the observers of the call whose outcome
// moved the breaker (client.Report: the logger and OTel hear it through
// the client's observer interface, ARCHITECTURE.md, Layers).
func (b *Breaker) notify(ctx context.Context, t *[2]State) {
	if t == nil {
		return
	}
	if b.s.OnStateChange != nil {
		b.s.OnStateChange(b.s.Name, t[0], t[1])
	}
	client.Report(ctx, client.Event{Kind: client.EventCircuitChange, Name: b.s.Name, FromState: t[0], ToState: t[1]})
}

func failureError(resp *http.Response, err error) error {
	if err != nil {
		return err
	}
	if resp != nil {
		return fmt.Errorf("status %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return fmt.Errorf("no response")
}

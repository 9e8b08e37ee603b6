package ratelimit

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/internal/rtutil"
	"github.com/claudego/claude/streaming"
)

// Mode says what the limiter does when a call would exceed a limit.
type Mode int

const (
	// Wait (the default) waits until the call fits, bounded by the context's
	// deadline and Config.MaxWait: a wait that would pass either returns
	// *WaitError at once.
	Wait Mode = iota
	// Reject returns *WaitError at once instead of waiting.
	Reject
)

// Config configures a Limiter. The zero value sets no local limits and
// only learns from the API's anthropic-ratelimit-* and retry-after headers:
// when the server says nothing remains until a reset time, calls wait until
// then instead of drawing a 429.
type Config struct {
	// RequestsPerMinute is a local token bucket for requests (burst: one
	// minute's worth). Zero means no local request limit.
	RequestsPerMinute int
	// InputTokensPerMinute is a local budget of input tokens, estimated
	// before sending from the body size and corrected with the response's
	// usage. Zero means none.
	InputTokensPerMinute int
	// OutputTokensPerMinute is a local budget of output tokens, estimated from
	// max_tokens (as the API does) and corrected with the real usage. Zero
	// means none.
	OutputTokensPerMinute int
	// IgnoreHeaders turns off learning from the response headers. Default
	// false: headers are learned.
	IgnoreHeaders bool
	// Mode is Wait (default) or Reject.
	Mode Mode
	// MaxWait bounds one wait in Wait mode. Zero means only the context's
	// deadline bounds it.
	MaxWait time.Duration
	// MaxLearnedWait caps what one response can impose on later calls: a
	// bucket's reset time further away, or a 429's retry-after longer, is
	// treated as this far away. A server (or a proxy) answering a reset in
	// the year 2999 then holds calls back at most this long, after which the
	// next response is learned afresh. Zero means DefaultMaxLearnedWait.
	MaxLearnedWait time.Duration
	// EstimateInputTokens estimates a request's input tokens from its JSON
	// body. Default: len(body)/4, at least 1.
	EstimateInputTokens func(body []byte) int
	// Store, when set, keeps RequestsPerMinute, InputTokensPerMinute and
	// OutputTokensPerMinute in its counters instead of this process's
	// buckets, so every limiter using the same Store and Namespace (other
	// clients, other processes: a Redis store from extensions/redisstore)
	// shares one limit and never passes it together. The store keeps the
	// same token buckets the limiter keeps locally, and the API limits with:
	// capacity one minute's limit, refilled continuously (not reset each
	// calendar minute, which let twice the limit through across a minute's
	// end); a call that does not fit reserves its turn (the bucket goes into
	// debt as far as the call may wait) and waits until the bucket has
	// refilled it, so calls go in the order they asked across the fleet and
	// a large call is not starved by small ones. What the server's headers
	// teach stays per limiter.
	// Default nil: local token buckets.
	Store limitstore.Store
	// Namespace prefixes the Store's keys: an organization or workspace, so
	// fleets sharing one store keep apart. Default "claude".
	Namespace string
	// OnStoreError receives what the limiter could not do in the Store
	// without failing the call (a correction after the reply). A Store
	// failing before the call fails the call. Default: ignored.
	OnStoreError func(error)
}

// DefaultMaxLearnedWait is the default Config.MaxLearnedWait: one minute,
// the API's rate-limit window.
const DefaultMaxLearnedWait = time.Minute

// WaitError is returned when a call would have to wait longer than allowed:
// past the context's deadline or MaxWait, or at all in Reject mode. It
// matches client.ErrRateLimitWait.
type WaitError struct {
	// Wait is how long the call would have had to wait.
	Wait time.Duration
	// Limit names the limit: "requests", "input_tokens", "output_tokens",
	// "server" (learned from headers).
	Limit string
}

// Error names the limit and the wait.
func (e *WaitError) Error() string {
	return fmt.Sprintf("ratelimit: %s limit: would wait %v", e.Limit, e.Wait.Round(time.Millisecond))
}

// Unwrap returns client.ErrRateLimitWait.
func (e *WaitError) Unwrap() error { return client.ErrRateLimitWait }

// Limiter is client-side rate limiting shared by every call of the clients
// it is installed on. It is safe for concurrent use.
type Limiter struct {
	s Config

	mu                            sync.Mutex
	requests, in, out             *bucket
	srvReq, srvIn, srvOut, srvTok serverBucket
	blockedUntil                  time.Time // from retry-after on a 429
	info                          client.RateLimitInfo
	infoAt                        time.Time
	sharedKeys                    [len(sharedMetrics)]string // the Store's bucket keys
}

// New returns the option that installs a new limiter with c in the
// rate-limit slot of the pipeline. Use NewLimiter(c).Option() instead to keep
// the *Limiter, to read its Info or share it between clients.
func New(c Config) client.Option { return NewLimiter(c).Option() }

// Settings is the former name of Config.
//
// Deprecated: use Config.
type Settings = Config

// NewLimiter returns a Limiter with s. Its state is created here, once, so
// every client and call using its Option shares it.
func NewLimiter(s Config) *Limiter {
	if s.MaxLearnedWait <= 0 {
		s.MaxLearnedWait = DefaultMaxLearnedWait
	}
	if s.Store != nil {
		if s.Namespace == "" {
			s.Namespace = "claude"
		}
		// The store keeps the local limits: no bucket here.
		return &Limiter{s: s, sharedKeys: sharedKeys(s.Namespace)}
	}
	now := time.Now()
	return &Limiter{
		s:        s,
		requests: newBucket(s.RequestsPerMinute, now),
		in:       newBucket(s.InputTokensPerMinute, now),
		out:      newBucket(s.OutputTokensPerMinute, now),
	}
}

// Option installs the limiter in the rate-limit slot of the pipeline (the
// outermost reliability layer), for a client or one call.
func (l *Limiter) Option() client.Option {
	return client.WithLayer(client.LayerRateLimit, l.Middleware)
}

// Info returns the rate-limit headers of the last response seen, and when.
func (l *Limiter) Info() (client.RateLimitInfo, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.info, l.infoAt
}

// Available returns the local buckets' current balances (zero for a bucket
// that is not configured).
func (l *Limiter) Available() (requests, inputTokens, outputTokens float64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	return l.requests.available(now), l.in.available(now), l.out.available(now)
}

// reservation is what one call took, to refund or correct.
type reservation struct {
	in, out float64
	sh      *shared // the store's share, when Config.Store is set
}

// Middleware wraps next with the limiter.
func (l *Limiter) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		ctx := req.Context()
		inEst, outEst, create := l.estimate(req)
		r, wait, limit := l.reserve(inEst, outEst)
		if wait > 0 {
			var werr error
			switch dl, ok := ctx.Deadline(); {
			case l.s.Mode == Reject:
				werr = &WaitError{Wait: wait, Limit: limit}
			case ok && time.Now().Add(wait).After(dl):
				werr = &WaitError{Wait: wait, Limit: limit}
			case l.s.MaxWait > 0 && wait > l.s.MaxWait:
				werr = &WaitError{Wait: wait, Limit: limit}
			default:
				// Observers (the logger, OTel) hear the wait through the
				// client's observer interface (ARCHITECTURE.md, Layers).
				client.Report(ctx, client.Event{Kind: client.EventRateLimitWait, Wait: wait, Name: limit})
				werr = rtutil.Sleep(ctx, wait)
			}
			if werr != nil {
				l.refund(r)
				if req.Body != nil {
					req.Body.Close()
				}
				return nil, werr
			}
		}
		if l.s.Store != nil {
			sh, err := l.takeShared(ctx, inEst, outEst)
			if err != nil {
				l.refund(r)
				if req.Body != nil {
					req.Body.Close()
				}
				return nil, err
			}
			r.sh = sh
		}
		resp, err := next.RoundTrip(req)
		if err != nil {
			l.correct(r, usage{hasInput: true, hasOutput: true}) // nothing was used
			var apiErr *client.APIError
			if errors.As(err, &apiErr) && apiErr.Header != nil {
				l.learn(apiErr.StatusCode, apiErr.Header) // a retry layer gave up on a 429
			}
			return nil, err
		}
		l.learn(resp.StatusCode, resp.Header)
		if resp.StatusCode >= 400 {
			l.correct(r, usage{hasInput: true, hasOutput: true})
		} else if !create && streaming.IsEventStream(resp) {
			// The client's own Create is decoded as JSON whatever the
			// reply says (OnReply then hands over its usage), so only
			// other requests' replies are looked at. The stream's own
			// account of its usage, read by the body observer every layer
			// shares (no second SSE reader here).
			streaming.Watch(resp, streaming.Observer{End: func(v streaming.Verdict) {
				if v.Usage.Reported {
					l.correct(r, usageOf(v.Usage))
				}
			}})
		} else if h := newReplyHook(l, r); !client.OnReply(req, h.f) {
			h.release()
			// Not the client's own Create: the body is read for its usage.
			resp.Body = newUsageReader(resp.Body, func(u usage) { l.correct(r, u) })
		}
		return resp, nil
	})
}

// addSat adds two non-negative ints, saturating at math.MaxInt.
func addSat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// reserve takes what the call needs from every bucket and returns the
// longest wait and the limit that imposes it.
func (l *Limiter) reserve(in, out int) (reservation, time.Duration, string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	r := reservation{in: float64(in), out: float64(out)}
	var wait time.Duration
	limit := ""
	take := func(d time.Duration, name string) {
		if d > wait {
			wait, limit = d, name
		}
	}
	take(l.requests.reserve(now, 1), "requests")
	take(l.in.reserve(now, r.in), "input_tokens")
	take(l.out.reserve(now, r.out), "output_tokens")
	if now.Before(l.blockedUntil) {
		take(l.blockedUntil.Sub(now), "server")
	}
	take(l.srvReq.reserve(now, 1), "server")
	take(l.srvIn.reserve(now, int64(in)), "server")
	take(l.srvOut.reserve(now, int64(out)), "server")
	take(l.srvTok.reserve(now, int64(addSat(max(in, 0), max(out, 0)))), "server")
	return r, wait, limit
}

func (l *Limiter) refund(r reservation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.requests.refund(now, 1)
	l.in.refund(now, r.in)
	l.out.refund(now, r.out)
}

// correct replaces the estimates with the real usage.
func (l *Limiter) correct(r reservation, u usage) {
	if r.sh != nil {
		l.correctShared(r.sh, u)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if u.hasInput {
		l.in.refund(now, r.in-float64(u.input))
	}
	if u.hasOutput {
		l.out.refund(now, r.out-float64(u.output))
	}
}

// learn records the response's rate-limit headers.
func (l *Limiter) learn(status int, h http.Header) {
	if l.s.IgnoreHeaders {
		return
	}
	now := time.Now()
	info := client.ParseRateLimit(h)
	ra := info.RetryAfter // read with the headers, in the same pass
	l.mu.Lock()
	defer l.mu.Unlock()
	l.info, l.infoAt = info, now
	latest := now.Add(l.s.MaxLearnedWait)
	set := func(dst *serverBucket, b client.RateLimitBucket) {
		if b.Known {
			reset := b.Reset
			if reset.After(latest) {
				reset = latest
			}
			*dst = serverBucket{known: true, remaining: b.Remaining, reset: reset}
		}
	}
	set(&l.srvReq, info.Requests)
	set(&l.srvIn, info.InputTokens)
	set(&l.srvOut, info.OutputTokens)
	set(&l.srvTok, info.Tokens)
	if status == http.StatusTooManyRequests && ra > 0 {
		if until := now.Add(min(ra, l.s.MaxLearnedWait)); until.After(l.blockedUntil) {
			l.blockedUntil = until
		}
	}
}

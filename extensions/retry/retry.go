package retry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
	"github.com/claudego/claude/internal/cancelbody"
	"github.com/claudego/claude/streaming"
)

// ErrAttemptTimeout is the error of an attempt that passed
// Config.AttemptTimeout before its response headers arrived. It also matches
// client.ErrTimeout.
var ErrAttemptTimeout = errors.New("retry: attempt timed out")

// New returns the option that turns retries on with p, in the retry slot of
// the pipeline (after the rate limiter and circuit breaker, before failover).
// Use it on client.New for every call or as a call option for one call.
func New(p Config) client.Option {
	return client.WithLayer(client.LayerRetry, Middleware(p))
}

// Middleware returns the retry layer as a client.Middleware, usable alone
// around any http.RoundTripper.
func Middleware(p Config) client.Middleware {
	p = p.withDefaults()
	return func(next http.RoundTripper) http.RoundTripper {
		return &transport{next: next, p: p, jitter: p.newJitter()}
	}
}

type transport struct {
	next   http.RoundTripper
	p      Config
	jitter func() float64
}

// RoundTrip sends req, then sends it again (a clone with a rewound body) while
// the failure is retryable, attempts remain and the wait fits the deadline.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	start := time.Now()
	canResend := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	for n := 1; ; n++ {
		resp, cancel, err := t.attempt(ctx, req, n)
		if err != nil && ctx.Err() != nil {
			cancel()
			return nil, err // the caller's context ended: stop
		}

		var (
			retryable bool
			lastErr   error
			status    int
		)
		switch {
		case err != nil:
			lastErr = err
			retryable = t.retryErr(err)
		case resp.StatusCode < 400:
			if !t.p.RetryStreamPrelude || !streaming.IsEventStream(resp) {
				t.observe(Attempt{Number: n, StatusCode: resp.StatusCode})
				resp.Body = cancelbody.Wrap(resp.Body, cancel)
				return resp, nil
			}
			// The stream's prelude, read through the body observer every
			// layer shares (streaming.Prelude: the one SSE framer, bounded by
			// MaxPreludeBytes, by the idle timeout the client put on the body
			// and by the request's context).
			resp.Body = cancelbody.Wrap(resp.Body, cancel)
			perr := streaming.Prelude(resp, t.p.MaxPreludeBytes)
			if perr == nil {
				t.observe(Attempt{Number: n, StatusCode: resp.StatusCode})
				return resp, nil
			}
			status = resp.StatusCode
			var e *client.APIError
			if errors.As(perr, &e) {
				lastErr, retryable = e, t.retryErr(e)
			} else {
				lastErr = fmt.Errorf("retry: stream failed before its first content: %w", perr)
				retryable = !errors.Is(perr, context.Canceled) && !errors.Is(perr, context.DeadlineExceeded)
			}
			if !retryable || !canResend || ctx.Err() != nil {
				// Hand the stream over as it came; the caller sees its error.
				t.observe(Attempt{Number: n, StatusCode: status, Err: lastErr})
				return resp, nil
			}
			resp.Body.Close()
			resp = nil // its body is closed; lastErr stands for it
		default:
			status = resp.StatusCode
			retryable = t.retryResp(resp)
			if !retryable || !canResend || t.p.MaxRetries == 0 {
				t.observe(Attempt{Number: n, StatusCode: status, Err: statusError(resp)})
				resp.Body = cancelbody.Wrap(resp.Body, cancel)
				return resp, nil
			}
		}
		cancel()
		if resp != nil && status >= 400 {
			lastErr = client.ErrorFromResponse("", resp) // reads and closes the body
		}
		if !retryable || !canResend || t.p.MaxRetries == 0 {
			t.observe(Attempt{Number: n, StatusCode: status, Err: lastErr})
			return nil, lastErr
		}
		if n > t.p.MaxRetries {
			t.observe(Attempt{Number: n, StatusCode: status, Err: lastErr})
			return nil, &Error{Attempts: n, Last: lastErr}
		}

		delay := t.delay(lastErr, n)
		now := time.Now()
		if dl, ok := ctx.Deadline(); ok && now.Add(delay).After(dl) {
			t.observe(Attempt{Number: n, StatusCode: status, Err: lastErr})
			return nil, &Error{Attempts: n, Last: lastErr, Deadline: true}
		}
		if t.p.Budget > 0 && now.Sub(start)+delay > t.p.Budget {
			t.observe(Attempt{Number: n, StatusCode: status, Err: lastErr})
			return nil, &Error{Attempts: n, Last: lastErr, Deadline: true}
		}
		t.observe(Attempt{Number: n, StatusCode: status, Err: lastErr, Retry: true, Delay: delay})
		// The call's observers (the logger, OTel) hear the retry through the
		// client's one observer interface (ARCHITECTURE.md, Layers).
		client.Report(ctx, client.Event{Kind: client.EventRetry, Attempt: n, Status: status, Err: lastErr, Wait: delay})
		if err := rtutil.Sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("retry: waiting before attempt %d: %w", n+1, err)
		}
	}
}

// attempt sends one attempt under the per-attempt timeout. The returned
// cancel releases the attempt's context; for a response it must run when the
// body is closed.
func (t *transport) attempt(ctx context.Context, req *http.Request, n int) (*http.Response, context.CancelFunc, error) {
	actx, cancel := ctx, context.CancelFunc(func() {})
	var timedOut atomic.Bool
	var timer *time.Timer
	if t.p.AttemptTimeout > 0 {
		actx, cancel = context.WithCancel(ctx)
		timer = time.AfterFunc(t.p.AttemptTimeout, func() { timedOut.Store(true); cancel() })
	}
	areq := req
	if n > 1 {
		r, err := rtutil.Resend(actx, req)
		if err != nil {
			if timer != nil {
				timer.Stop()
			}
			return nil, cancel, err
		}
		areq = r
	} else if actx != ctx {
		areq = req.WithContext(actx)
	}
	resp, err := t.next.RoundTrip(areq)
	if timer != nil && !timer.Stop() && timedOut.Load() && err == nil {
		// The timer fired as the headers arrived: the body is unusable.
		rtutil.DrainClose(resp.Body)
		resp, err = nil, context.Canceled
	}
	if err != nil && timedOut.Load() && ctx.Err() == nil {
		err = fmt.Errorf("%w after %v: %w", ErrAttemptTimeout, t.p.AttemptTimeout, client.ErrTimeout)
	}
	return resp, cancel, err
}

func (t *transport) retryErr(err error) bool {
	if errors.Is(err, rtutil.ErrBodyNotRewindable) {
		return false
	}
	if t.p.ShouldRetry != nil {
		return t.p.ShouldRetry(nil, err)
	}
	return client.Retryable(nil, err)
}

func (t *transport) retryResp(resp *http.Response) bool {
	if t.p.ShouldRetry != nil {
		return t.p.ShouldRetry(resp, nil)
	}
	return client.Retryable(resp, nil)
}

// delay is the server's hint when it is usable, else the backoff.
func (t *transport) delay(lastErr error, n int) time.Duration {
	var e *client.APIError
	if errors.As(lastErr, &e) && e.RetryAfter > 0 && e.RetryAfter <= t.p.MaxRetryAfter {
		return e.RetryAfter
	}
	return t.p.backoff(n, t.jitter())
}

func (t *transport) observe(a Attempt) {
	if t.p.OnAttempt != nil {
		t.p.OnAttempt(a)
	}
}

// statusError describes a failed status for the hook without reading the
// body, which the caller still gets.
func statusError(resp *http.Response) error {
	if resp.StatusCode < 400 {
		return nil
	}
	return &client.APIError{
		StatusCode:  resp.StatusCode,
		ShouldRetry: client.ShouldRetryHeader(resp.Header),
		Header:      resp.Header,
		RequestID:   resp.Header.Get("request-id"),
		RetryAfter:  client.ParseRetryAfter(resp.Header, time.Now()),
	}
}

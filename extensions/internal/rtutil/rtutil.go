package rtutil

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/claudego/claude/client"
)

// Sleep waits for d or until ctx is done, returning the context's cause (its
// error, unless it was cancelled with a cause) in that case.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return context.Cause(ctx)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// DrainClose reads a little of a dropped body, so the connection can be
// reused, and closes it.
func DrainClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}

// ErrBodyNotRewindable is returned when a request must be sent again but its
// body has no GetBody.
var ErrBodyNotRewindable = errors.New("request body cannot be rewound (no GetBody)")

// Resend returns a clone of req for a second or later attempt with a fresh
// body from req.GetBody.
func Resend(ctx context.Context, req *http.Request) (*http.Request, error) {
	r := req.Clone(ctx)
	if req.Body == nil || req.Body == http.NoBody {
		return r, nil
	}
	if req.GetBody == nil {
		return nil, ErrBodyNotRewindable
	}
	b, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	r.Body = b
	return r, nil
}

// Outcome is how a call reflects on the service's health.
type Outcome int

const (
	// Success: the service answered (2xx, or a client-side 4xx).
	Success Outcome = iota
	// Failure: a 5xx, 529, 408, a connection error or a timeout.
	Failure
	// Ignore: says nothing about the service (the caller cancelled, a local
	// limiter or breaker refused).
	Ignore
)

// Classify decides the Outcome of one exchange from client.Retryable, the
// answer the retry layer uses too: what a retry may cure is a Failure of the
// service, except the caller's own doing (429 or rate_limit_error, the
// caller's rate; 409, a conflict of the caller's requests), which is a
// Success for health purposes. A deadline passed is a Failure (the service
// was slow), and retries exhausted count as their last failure. A layer's
// refusal and the caller's cancellation say nothing about the service
// (Ignore).
func Classify(resp *http.Response, err error) Outcome {
	if err == nil && resp == nil {
		return Failure
	}
	switch {
	case err == nil:
	case errors.Is(err, client.ErrCircuitOpen), errors.Is(err, client.ErrRateLimitWait),
		errors.Is(err, context.Canceled):
		return Ignore
	case errors.Is(err, context.DeadlineExceeded):
		return Failure // not worth a retry within this call, but the service was slow
	case errors.Is(err, client.ErrRetriesExhausted):
		// Judged by the last attempt's failure, which the retry layer wraps.
		var e *client.APIError
		if !errors.As(err, &e) {
			return Failure
		}
		err = e
	}
	if !client.Retryable(resp, err) || callersOwn(resp, err) {
		return Success
	}
	return Failure
}

// callersOwn reports a 429 or 409 (or a rate_limit_error event): retryable,
// but about the caller's traffic rather than the service's health.
func callersOwn(resp *http.Response, err error) bool {
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	var e *client.APIError
	if errors.As(err, &e) {
		if e.Type == "rate_limit_error" {
			return true
		}
		if !e.MidStream {
			status = e.StatusCode
		}
	}
	return status == http.StatusTooManyRequests || status == http.StatusConflict
}

// IsConnError reports whether err came from the network rather than from a
// layer's own refusal.
func IsConnError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

package rtutil

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
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

// Op names the operation of a request for error messages, such as
// "messages.create"; unknown routes read "METHOD /path".
func Op(req *http.Request) string {
	p := strings.TrimRight(req.URL.Path, "/")
	switch {
	case req.Method == http.MethodPost && strings.HasSuffix(p, "/v1/messages/count_tokens"):
		return "messages.count_tokens"
	case req.Method == http.MethodPost && strings.HasSuffix(p, "/v1/messages"):
		return "messages.create"
	case req.Method == http.MethodGet && strings.HasSuffix(p, "/v1/models"):
		return "models.list"
	}
	return req.Method + " " + req.URL.Path
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

// Classify decides the Outcome of one exchange. 429 is the caller's rate,
// not the service's health, so it is a Success for health purposes.
func Classify(resp *http.Response, err error) Outcome {
	if err == nil {
		if resp == nil {
			return Failure
		}
		return StatusOutcome(resp.StatusCode)
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		if apiErr.MidStream {
			if apiErr.Type == "overloaded_error" || apiErr.Type == "api_error" {
				return Failure
			}
			return Success
		}
		return StatusOutcome(apiErr.StatusCode)
	}
	switch {
	case errors.Is(err, client.ErrCircuitOpen), errors.Is(err, client.ErrRateLimitWait):
		return Ignore
	case errors.Is(err, context.Canceled):
		return Ignore
	}
	return Failure
}

// StatusOutcome classifies a status code.
func StatusOutcome(status int) Outcome {
	if status == http.StatusRequestTimeout || status >= 500 {
		return Failure
	}
	return Success
}

// IsConnError reports whether err came from the network rather than from a
// layer's own refusal.
func IsConnError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

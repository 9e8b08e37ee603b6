package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/streaming"
)

func respWith(status int, shouldRetry string) *http.Response {
	h := http.Header{}
	if shouldRetry != "" {
		h.Set("x-should-retry", shouldRetry)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(`{"type":"error","error":{"type":"overloaded_error","message":"busy"}}`))}
}

// TestRetryableResponseAndErrorAgree: for every status and x-should-retry
// spelling, the answer for the response equals the answer for the *APIError
// built from it (the retry layer sees the first, the batch runner the
// second; they used to disagree on x-should-retry: 1 and 0).
func TestRetryableResponseAndErrorAgree(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 404, 408, 409, 413, 429, 500, 502, 503, 504, 529} {
		for _, h := range []string{"", "true", "1", "TRUE", "false", "0", "False", "maybe"} {
			resp := respWith(status, h)
			fromResp := client.Retryable(resp, nil)
			apiErr := apierror.FromResponse("messages.create", respWith(status, h))
			fromErr := client.Retryable(nil, apiErr)
			if fromResp != fromErr || apiErr.Retryable() != fromErr {
				t.Errorf("%d x-should-retry %q: response %v, error %v, method %v", status, h, fromResp, fromErr, apiErr.Retryable())
			}
			wrapped := fmt.Errorf("outer: %w", apiErr)
			if client.Retryable(nil, wrapped) != fromErr {
				t.Errorf("%d %q: wrapped answer differs", status, h)
			}
		}
	}
}

// TestRetryableCases pins the answers each layer relies on.
func TestRetryableCases(t *testing.T) {
	t.Parallel()
	var syn *json.SyntaxError
	decodeErr := json.Unmarshal([]byte("{"), &struct{}{})
	if !errors.As(decodeErr, &syn) {
		t.Fatal("no syntax error")
	}
	cases := []struct {
		name string
		resp *http.Response
		err  error
		want bool
	}{
		{"529 x-should-retry 1", respWith(529, "1"), nil, true},
		{"529 x-should-retry 0", respWith(529, "0"), nil, false},
		{"503 x-should-retry false", respWith(503, "false"), nil, false},
		{"400 x-should-retry true", respWith(400, "true"), nil, true},
		{"400", respWith(400, ""), nil, false},
		{"409", respWith(409, ""), nil, true},
		{"200", respWith(200, ""), nil, false},
		{"connection reset", nil, errors.New("read: connection reset by peer"), true},
		{"truncated stream", nil, streaming.ErrTruncated, true},
		{"idle timeout", nil, streaming.ErrIdleTimeout, true},
		{"malformed event", nil, streaming.ErrMalformedEvent, false},
		{"decode error", nil, &client.DecodeError{What: "response", Err: decodeErr}, false},
		{"bare JSON error", nil, fmt.Errorf("reading: %w", decodeErr), false},
		{"validation", nil, fmt.Errorf("x: %w", client.ErrValidation), false},
		{"retries exhausted", nil, fmt.Errorf("x: %w", client.ErrRetriesExhausted), false},
		{"circuit open", nil, client.ErrCircuitOpen, false},
		{"caller cancelled", nil, context.Canceled, false},
		{"caller deadline", nil, context.DeadlineExceeded, false},
		{"streaming required", nil, client.ErrStreamingRequired, false},
	}
	for _, c := range cases {
		if got := client.Retryable(c.resp, c.err); got != c.want {
			t.Errorf("%s: Retryable = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestStreamSentinelsReExported: client's names are the streaming sentinels.
func TestStreamSentinelsReExported(t *testing.T) {
	t.Parallel()
	for _, p := range [][2]error{{client.ErrTruncated, streaming.ErrTruncated}, {client.ErrMalformedEvent, streaming.ErrMalformedEvent},
		{client.ErrIdleTimeout, streaming.ErrIdleTimeout}, {client.ErrEventTooLarge, streaming.ErrEventTooLarge}} {
		if !errors.Is(fmt.Errorf("x: %w", p[1]), p[0]) {
			t.Errorf("%v is not re-exported", p[1])
		}
	}
}

package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
)

// TestRecordedErrorsMapToSentinels serves every recorded error response and
// checks the *APIError fields and the sentinel it matches.
func TestRecordedErrorsMapToSentinels(t *testing.T) {
	t.Parallel()
	want := map[int]error{
		400: client.ErrBadRequest, 401: client.ErrAuthentication, 403: client.ErrPermission,
		404: client.ErrNotFound, 413: client.ErrRequestTooLarge, 429: client.ErrRateLimited,
		500: client.ErrServer, 529: client.ErrOverloaded,
	}
	seen := map[int]bool{}
	for _, rc := range recordedCases(t, "/v1/messages", "/v1/messages/count_tokens", "/v1/models/{model_id}") {
		if rc.Status < 400 {
			continue
		}
		seen[rc.Status] = true
		t.Run(rc.Name, func(t *testing.T) {
			t.Parallel()
			c := setup(t, serveCase(rc))
			var err error
			if rc.Endpoint == "/v1/messages/count_tokens" {
				_, err = c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}})
			} else {
				_, err = c.Messages.Create(context.Background(), minimalRequest())
			}
			var apiErr *client.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v (%T), want *client.APIError", err, err)
			}
			if apiErr.StatusCode != rc.Status || apiErr.Type == "" || apiErr.Message == "" {
				t.Fatalf("APIError = %+v, want status %d with type and message", apiErr, rc.Status)
			}
			if !errors.Is(err, want[rc.Status]) {
				t.Fatalf("errors.Is(%v, %v) = false", err, want[rc.Status])
			}
			if id := rc.Header.Get("request-id"); id != "" && apiErr.RequestID != id {
				t.Fatalf("RequestID = %q, want header %q", apiErr.RequestID, id)
			}
			if apiErr.RequestID == "" && strings.Contains(string(rc.Body), `"request_id":"req_`) {
				t.Fatalf("RequestID empty though the body carries one")
			}
			if !strings.HasPrefix(err.Error(), "claude: messages.") {
				t.Fatalf("error %q does not name the operation", err)
			}
		})
	}
	for status := range want {
		if !seen[status] {
			t.Errorf("no recorded case for status %d", status)
		}
	}
}

// TestNonJSONErrorBody: an HTML page from a proxy still yields an *APIError
// with the status and a trimmed body.
func TestNonJSONErrorBody(t *testing.T) {
	t.Parallel()
	page := "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>" + strings.Repeat("<p>nginx</p>", 200) + "</body></html>"
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "text/html")
		w.Header().Set("request-id", "req_proxy")
		w.WriteHeader(502)
		_, _ = io.WriteString(w, page)
	}))
	_, err := c.Messages.Create(context.Background(), minimalRequest())
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.StatusCode != 502 || !errors.Is(err, client.ErrServer) || apiErr.RequestID != "req_proxy" {
		t.Fatalf("APIError = %+v", apiErr)
	}
	if strings.Contains(apiErr.Message, "<") || !strings.Contains(apiErr.Message, "502 Bad Gateway") || len(apiErr.Message) > 210 {
		t.Fatalf("Message not trimmed: %q", apiErr.Message)
	}
	if len(apiErr.Body) != len(page) {
		t.Fatalf("Body has %d bytes, want the raw %d", len(apiErr.Body), len(page))
	}
}

// TestRetryAfterAndShouldRetry parses the retry headers into the error.
func TestRetryAfterAndShouldRetry(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("retry-after", "7")
		w.Header().Set("x-should-retry", "false")
		w.Header().Set("anthropic-ratelimit-requests-remaining", "0")
		w.Header().Set("anthropic-ratelimit-requests-reset", "2030-01-02T03:04:05Z")
		w.WriteHeader(429)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`)
	}))
	_, err := c.Messages.Create(context.Background(), minimalRequest())
	apiErr, ok := err.(*client.APIError)
	if !ok {
		t.Fatalf("err = %T %v", err, err)
	}
	if apiErr.RetryAfter != 7*time.Second || apiErr.ShouldRetry == nil || *apiErr.ShouldRetry || apiErr.Temporary() {
		t.Fatalf("retry fields: after %v, should %v, temporary %v", apiErr.RetryAfter, apiErr.ShouldRetry, apiErr.Temporary())
	}
	rl := apiErr.RateLimit()
	if !rl.Requests.Known || rl.Requests.Remaining != 0 || rl.Requests.Reset.Year() != 2030 {
		t.Fatalf("RateLimit = %+v", rl)
	}
}

// TestErrorBodyCapped: an enormous error body is read at most 1 MiB.
func TestErrorBodyCapped(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		chunk := strings.Repeat("x", 64<<10)
		for i := 0; i < 64; i++ { // 4 MiB
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
	}))
	_, err := c.Messages.Create(context.Background(), minimalRequest())
	apiErr, ok := err.(*client.APIError)
	if !ok || len(apiErr.Body) != 1<<20 {
		t.Fatalf("err %T, body %d bytes, want 1 MiB", err, len(apiErr.Body))
	}
}

// TestMidStreamErrorSentinel: an overloaded error event matches ErrOverloaded
// even though the stream's status was 200, and says it arrived mid-stream.
func TestMidStreamErrorSentinel(t *testing.T) {
	t.Parallel()
	h := http.Header{"Request-Id": {"req_stream"}}
	e := apierrorFromEvent(h)
	if !errors.Is(e, client.ErrOverloaded) || errors.Is(e, client.ErrServer) || !e.MidStream || e.RequestID != "req_stream" {
		t.Fatalf("mid-stream error = %+v", e)
	}
	if !strings.Contains(e.Error(), "mid-stream") {
		t.Fatalf("Error() = %q does not say mid-stream", e.Error())
	}
}

package retry_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
)

// counter is a middleware that counts the requests passing through it.
func counter(n *atomic.Int32) client.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			n.Add(1)
			return next.RoundTrip(r)
		})
	}
}

// TestMiddlewareInsideRetrySeesEveryAttempt: middleware placed after the
// retry stage runs once per attempt, middleware outside it once per call,
// with the real retry layer and two overloaded replies before a success.
func TestMiddlewareInsideRetrySeesEveryAttempt(t *testing.T) {
	t.Parallel()
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) <= 2 {
			w.WriteHeader(529)
			_, _ = w.Write([]byte(`{"type":"error","error":{"type":"overloaded_error","message":"busy"}}`))
			return
		}
		_, _ = w.Write([]byte(`{"input_tokens":3}`))
	}))
	t.Cleanup(srv.Close)
	p := retry.Config{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}
	var perAttempt, perCall atomic.Int32
	c, err := client.New(client.WithAPIKey("sk-ant-test-per-attempt"), client.WithBaseURL(srv.URL),
		client.WithLayer(client.LayerRetry, retry.Middleware(p)),
		client.WithMiddlewareAt(client.After("retry"), "per-attempt", counter(&perAttempt)),
		client.WithMiddlewareAt(client.Before("retry"), "per-call", counter(&perCall)))
	if err != nil {
		t.Fatal(err)
	}
	req := client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}
	got, err := c.Messages.CountTokens(context.Background(), req)
	if err != nil || got.InputTokens != 3 {
		t.Fatalf("CountTokens = %+v, %v", got, err)
	}
	if perAttempt.Load() != 3 || perCall.Load() != 1 || served.Load() != 3 {
		t.Fatalf("per-attempt middleware ran %d times, per-call %d, server served %d; want 3, 1, 3", perAttempt.Load(), perCall.Load(), served.Load())
	}
}

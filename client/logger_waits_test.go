package client_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/claudego/claude/client"
)

// TestLoggerWarnsOnRateLimitWait: a layer's rate_limit_wait (reported
// through client.Report, as extensions/ratelimit does) is a WARN line with
// the wait; a failed call's ERROR line names its class in error_type.
func TestLoggerWarnsOnRateLimitWait(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(529)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
	}))
	waits := client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			client.Report(req.Context(), client.Event{Kind: client.EventRateLimitWait, Wait: 1500 * time.Millisecond, Name: "requests"})
			return next.RoundTrip(req)
		})
	})
	var sink logSink
	_, _ = c.Messages.Create(context.Background(), minimalRequest(), waits, client.WithLogger(sink.logger(slog.LevelInfo)))
	recs := sink.records(t)
	if r := find(t, recs, "claude rate limit wait"); r["level"] != "WARN" || r["wait"] != float64(1500*time.Millisecond) || r["op"] != "messages.create" {
		t.Errorf("rate limit wait %v", r)
	}
	if r := find(t, recs, "claude request failed"); r["level"] != "ERROR" || r["error_type"] != "overloaded_error" || r["status"] != 529.0 {
		t.Errorf("failure %v", r)
	}
}

package claudeotel_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"go.opentelemetry.io/otel/codes"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/pipenet"
	"github.com/claudego/claude/extensions/retry"
)

// TestRetried529 checks a call the API overloads once (the recorded 529)
// and the retry layer sends again: one call span, two attempt spans under it
// (the first failed with the 529), a retry event, and the retry and request
// counters. It runs in a synctest bubble so the backoff takes no time.
func TestRetried529(t *testing.T) {
	t.Parallel()
	overloaded, ok := loadCase(t, "error-529-overloaded"), loadCase(t, "msg-prompt-cache-read")
	synctest.Test(t, func(t *testing.T) {
		tel := newTelemetry(t)
		var n pipenet.Network
		var calls atomic.Int32
		url := n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) == 1 {
				overloaded.write(w)
				return
			}
			ok.write(w)
		}))
		c := newClient(t, url, client.WithHTTPClient(n.Client(t)), tel.option(false), retry.New(retry.Config{MaxRetries: 2}))
		if _, err := c.Messages.Create(context.Background(), request(t, "msg-prompt-cache-read")); err != nil {
			t.Fatal(err)
		}

		call := tel.span(t, "chat claude-sonnet-4-20250514")
		if call.Status().Code != codes.Unset {
			t.Errorf("call status %v, want unset after a successful retry", call.Status())
		}
		if _, ok := attrs(call)["error.type"]; ok {
			t.Error("a call that succeeded on retry has error.type")
		}
		attempts := tel.spansNamed("messages.create attempt")
		if len(attempts) != 2 {
			t.Fatalf("attempt spans %d, want 2", len(attempts))
		}
		for i, a := range attempts {
			if a.Parent().SpanID() != call.SpanContext().SpanID() {
				t.Errorf("attempt %d is not the call span's child", i+1)
			}
			if got := attrs(a)["claude.attempt"].AsInt64(); got != int64(i+1) {
				t.Errorf("attempt span %d numbered %d", i+1, got)
			}
			if got := attrs(a)["http.request.resend_count"].AsInt64(); got != int64(i) {
				t.Errorf("attempt span %d resend count %d", i+1, got)
			}
		}
		first := attrs(attempts[0])
		if first["http.response.status_code"].AsInt64() != 529 || attempts[0].Status().Code != codes.Error {
			t.Errorf("first attempt %v %v, want 529 and error", attempts[0].Attributes(), attempts[0].Status())
		}
		// The conventions' rule: the API's error type, read from the
		// attempt's error reply, not its status.
		if et := first["error.type"].AsString(); et != "overloaded_error" {
			t.Errorf("first attempt error.type %q, want overloaded_error", et)
		}
		if attrs(attempts[1])["http.response.status_code"].AsInt64() != 200 || attempts[1].Status().Code != codes.Unset {
			t.Errorf("second attempt %v %v", attempts[1].Attributes(), attempts[1].Status())
		}
		var retried bool
		for _, e := range call.Events() {
			if e.Name != "retry" {
				continue
			}
			retried = true
			for _, kv := range e.Attributes {
				if kv.Key == "error.type" && kv.Value.AsString() != "overloaded_error" {
					t.Errorf("retry event error.type %q, want overloaded_error", kv.Value.AsString())
				}
			}
		}
		if !retried {
			t.Error("the call span has no retry event")
		}

		m := tel.metrics(t)
		retries := sumI(t, m, "claude.client.retries")
		if len(retries) != 1 || retries[0].Value != 1 || setAttrs(retries[0].Attributes)["claude.attempt"] != int64(2) {
			t.Errorf("retry points %+v", retries)
		}
		byStatus := map[int64]int64{}
		for _, p := range sumI(t, m, "claude.client.requests") {
			a := setAttrs(p.Attributes)
			byStatus[a["http.response.status_code"].(int64)] += p.Value
			if a["http.response.status_code"] == int64(529) && a["error.type"] != "overloaded_error" {
				t.Errorf("the 529's request point has error.type %v, want overloaded_error", a["error.type"])
			}
		}
		if byStatus[529] != 1 || byStatus[200] != 1 || len(byStatus) != 2 {
			t.Errorf("requests by status %v, want one 529 and one 200", byStatus)
		}
		if _, ok := m["claude.client.errors"]; ok {
			t.Error("error counted for a call that succeeded")
		}
		if got := histogramF(t, m, "gen_ai.client.operation.duration"); len(got) != 1 || got[0].Count != 1 {
			t.Errorf("duration points %+v, want one for the call", got)
		}
	})
}

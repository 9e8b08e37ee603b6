package quota_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/extensions/quota"
	"github.com/claudego/claude/extensions/retry"
)

func used(t *testing.T, q *quota.Quota) map[string]int64 {
	t.Helper()
	st, err := q.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, s := range st {
		got[s.Metric] = s.Used
	}
	return got
}

// TestRetriedCallCountedOnce: the quota sits outside retry, so a call that
// took two attempts is one request.
func TestRetriedCallCountedOnce(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"busy"}}`)
			return
		}
		_, _ = io.WriteString(w, `{"id":"m","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":"end_turn","usage":{"input_tokens":7,"output_tokens":2}}`)
	}))
	t.Cleanup(srv.Close)
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 10, InputTokens: 1000, OutputTokens: 1000}}})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.URL, q.Option(), retry.New(retry.Config{BaseDelay: 1, MaxDelay: 1, Jitter: -1}))
	if _, err := c.Messages.Create(context.Background(), request("claude-haiku-4-5")); err != nil {
		t.Fatal(err)
	}
	if got := used(t, q); n.Load() != 2 || got["requests"] != 1 || got["input_tokens"] != 7 || got["output_tokens"] != 2 {
		t.Fatalf("attempts %d, counted %v", n.Load(), got)
	}
}

// TestCutStreamKeepsOutputEstimate: a stream cut after message_start counts
// its input from message_start and keeps the output estimate (max_tokens):
// the model may have produced that many before the cut.
func TestCutStreamKeepsOutputEstimate(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}}\n\n")
		_, _ = io.WriteString(w, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")
		// cut: no message_delta, no message_stop
	}))
	t.Cleanup(srv.Close)
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, InputTokens: 1e6, OutputTokens: 1e6}}})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.URL, q.Option())
	s, err := c.Messages.Stream(context.Background(), request("claude-haiku-4-5"))
	if err != nil {
		t.Fatal(err)
	}
	for s.Next() {
	}
	if s.Err() == nil {
		t.Fatal("a cut stream ended without an error")
	}
	s.Close()
	if got := used(t, q); got["input_tokens"] != 40 || got["output_tokens"] != 100 {
		t.Fatalf("counted %v, want input 40 and the output estimate 100", got)
	}
}

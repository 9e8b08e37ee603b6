package ratelimit_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/ratelimit"
)

// BenchmarkMiddlewareStore runs the limiter with its limits in a Store (in
// memory) around a RoundTripper that answers from memory, limits far above
// the pace: what it measures is the shared buckets' bookkeeping per call
// (take before, correction after).
func BenchmarkMiddlewareStore(b *testing.B) {
	l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1 << 30, InputTokensPerMinute: 1 << 40, OutputTokensPerMinute: 1 << 40, Store: limitstore.NewMemory()})
	reply := []byte(`{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}}`)
	body := []byte(`{"max_tokens":64,"messages":[{"content":[{"text":"` + strings.Repeat("Tell me about systems. ", 100) + `","type":"text"}],"role":"user"}],"model":"claude-haiku-4-5"}`)
	rt := l.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader(reply)), ContentLength: int64(len(reply)), Request: r}, nil
	}))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1/v1/messages", bytes.NewReader(body))
		resp, err := rt.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
}

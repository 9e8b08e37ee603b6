package quota_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/quota"
)

// BenchmarkMiddlewareAlone runs the quota layer around a RoundTripper that
// answers from memory, so what it measures is the layer's own work per call
// (what it adds to a Create), without a network's noise.
func BenchmarkMiddlewareAlone(b *testing.B) {
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1 << 40, InputTokens: 1 << 50, OutputTokens: 1 << 50, CostUSD: 1e9}}})
	if err != nil {
		b.Fatal(err)
	}
	reply := []byte(`{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}}`)
	body := []byte(`{"max_tokens":64,"messages":[{"content":[{"text":"` + strings.Repeat("Tell me about systems. ", 100) + `","type":"text"}],"role":"user"}],"model":"claude-haiku-4-5"}`)
	rt := q.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
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

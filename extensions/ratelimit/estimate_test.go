package ratelimit_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/ratelimit"
)

// TestEstimateFromClientRequest: a call the client made is estimated from
// what the client says of its body (client.RequestInfoOf) and the body's
// length; the same bytes sent by a plain http.Client are read. Both take
// the same tokens from the buckets, and a custom EstimateInputTokens still
// sees the exact body.
func TestEstimateFromClientRequest(t *testing.T) {
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 700,
		Messages: []client.MessageParam{client.UserText(strings.Repeat("Tell me about systems. ", 40))}}
	const perMinute = 1_000_000
	for _, custom := range []bool{false, true} {
		synctest.Test(t, func(t *testing.T) {
			var seenBodies [][]byte
			cfg := ratelimit.Config{InputTokensPerMinute: perMinute, OutputTokensPerMinute: perMinute}
			if custom {
				cfg.EstimateInputTokens = func(b []byte) int {
					seenBodies = append(seenBodies, bytes.Clone(b))
					return 123
				}
			}
			viaClient, viaPlain := ratelimit.NewLimiter(cfg), ratelimit.NewLimiter(cfg)
			var sent []byte
			var inClient, outClient float64
			wire, _ := fixed(func(int) answer { return answer{status: 200} })
			probe := func(next http.RoundTripper) http.RoundTripper {
				return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
					_, inClient, outClient = viaClient.Available() // taken, not yet corrected
					sent, _ = io.ReadAll(r.Body)
					r2 := r.Clone(r.Context())
					r2.Body = io.NopCloser(bytes.NewReader(sent))
					return next.RoundTrip(r2)
				})
			}
			c, err := client.New(client.WithAPIKey("sk-ant-test-estimate"), client.WithBaseURL("http://127.0.0.1:1"),
				client.WithHTTPClient(&http.Client{Transport: wire}), viaClient.Option(),
				client.WithMiddlewareAt(client.After("ratelimit"), "probe", probe))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Messages.Create(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			var inPlain, outPlain float64
			plainProbe := client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				_, inPlain, outPlain = viaPlain.Available()
				return wire.RoundTrip(r)
			})
			if _, err := send(context.Background(), viaPlain.Middleware(plainProbe), string(sent)); err != nil {
				t.Fatal(err)
			}
			wantIn := float64(perMinute - len(sent)/4)
			if custom {
				wantIn = perMinute - 123
			}
			if inClient != wantIn || outClient != perMinute-700 || inPlain != inClient || outPlain != outClient {
				t.Errorf("custom %v: taken via the client (in %v, out %v), via a plain request (in %v, out %v); want in %v, out %v",
					custom, inClient, outClient, inPlain, outPlain, wantIn, perMinute-700.0)
			}
			if custom && (len(seenBodies) != 2 || !bytes.Equal(seenBodies[0], sent) || !bytes.Equal(seenBodies[1], sent)) {
				t.Errorf("EstimateInputTokens saw %d bodies, want the sent body twice", len(seenBodies))
			}
		})
	}
}

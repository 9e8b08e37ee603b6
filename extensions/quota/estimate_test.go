package quota_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/quota"
)

// TestEstimateFromClientRequest: a call the client made is counted from what
// the client says of its body (client.RequestInfoOf: the model, max_tokens)
// and the body's length; the same bytes sent through the layer by a plain
// http.Client are read. Both take the same counts before the reply, on the
// per-model limit, and a custom EstimateInputTokens still sees the exact
// body. After the reply both hold its usage: read from the Message the
// client decoded (client.OnReply), or from the body.
func TestEstimateFromClientRequest(t *testing.T) {
	t.Parallel()
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 700,
		Messages: []client.MessageParam{client.UserText(strings.Repeat("Tell me about systems. ", 40))}}
	for _, custom := range []bool{false, true} {
		var seenBodies [][]byte
		newQuota := func() *quota.Quota {
			cfg := quota.Config{Limits: []quota.Limit{{Period: quota.Day, Model: "claude-haiku-4-5", InputTokens: 1 << 40, OutputTokens: 1 << 40}}}
			if custom {
				cfg.EstimateInputTokens = func(b []byte) int64 {
					seenBodies = append(seenBodies, bytes.Clone(b))
					return 123
				}
			}
			q, err := quota.NewQuota(cfg)
			if err != nil {
				t.Fatal(err)
			}
			return q
		}
		viaClient, viaPlain := newQuota(), newQuota()
		var current *quota.Quota
		var taken []map[string]int64
		var sent []byte
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sent, _ = io.ReadAll(r.Body)
			taken = append(taken, used(t, current)) // taken, not yet corrected
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"m","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":"end_turn","usage":{"input_tokens":7,"output_tokens":2}}`)
		}))
		current = viaClient
		c := newClient(t, srv.URL, viaClient.Option())
		if _, err := c.Messages.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		current = viaPlain
		body := bytes.Clone(sent)
		plain := &http.Client{Transport: viaPlain.Middleware(http.DefaultTransport)}
		resp, err := plain.Post(srv.URL+"/v1/messages", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		srv.Close()
		wantIn := int64(len(body) / 4)
		if custom {
			wantIn = 123
		}
		if len(taken) != 2 || taken[0]["input_tokens"] != wantIn || taken[0]["output_tokens"] != 700 ||
			taken[1]["input_tokens"] != taken[0]["input_tokens"] || taken[1]["output_tokens"] != taken[0]["output_tokens"] {
			t.Errorf("custom %v: taken via the client, then via a plain request: %v; want input %d, output 700 both", custom, taken, wantIn)
		}
		for _, q := range []*quota.Quota{viaClient, viaPlain} {
			if got := used(t, q); got["input_tokens"] != 7 || got["output_tokens"] != 2 {
				t.Errorf("custom %v: after the reply %v, want the reply's usage (7 in, 2 out)", custom, got)
			}
		}
		if custom && (len(seenBodies) != 2 || !bytes.Equal(seenBodies[0], body) || !bytes.Equal(seenBodies[1], body)) {
			t.Errorf("EstimateInputTokens saw %d bodies, want the sent body twice", len(seenBodies))
		}
	}
}

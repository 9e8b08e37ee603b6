package ratelimit_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/ratelimit"
)

// TestCreateCorrectedFromDecodedReply: a Create's buckets are corrected with
// the usage of the Message the client decodes (client.OnReply), cache
// writes counted as input; a reply the client cannot decode leaves the
// estimates standing.
func TestCreateCorrectedFromDecodedReply(t *testing.T) {
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 500,
		Messages: []client.MessageParam{client.UserText(strings.Repeat("x", 400))}}
	for _, tc := range []struct {
		name, body        string
		wantIn, wantOut   float64
		wantEstimateStays bool
	}{
		{"decoded", `{"id":"m","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":40,"output_tokens":5}}`, 970, 995, false},
		{"undecodable", `{"id":"m","usage":{"input_tokens":10,"output_tokens":5}`, 0, 500, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				l := ratelimit.NewLimiter(ratelimit.Config{InputTokensPerMinute: 1000, OutputTokensPerMinute: 1000})
				wire, _ := fixed(func(int) answer {
					return answer{status: 200, body: tc.body, header: http.Header{"Content-Type": {"application/json"}}}
				})
				c, err := client.New(client.WithAPIKey("sk-ant-test-onreply"), client.WithBaseURL("http://127.0.0.1:1"),
					client.WithHTTPClient(&http.Client{Transport: wire}), l.Option())
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.Messages.Create(context.Background(), req)
				_, in, out := l.Available()
				if tc.wantEstimateStays {
					if err == nil {
						t.Fatal("an undecodable reply gave no error")
					}
					if in >= 1000-100 || out != tc.wantOut {
						t.Fatalf("in %v out %v, want the estimates kept (~%d in, 500 out)", in, out, 400/4)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if in != tc.wantIn || out != tc.wantOut {
					t.Fatalf("in %v out %v, want %v and %v", in, out, tc.wantIn, tc.wantOut)
				}
			})
		})
	}
}

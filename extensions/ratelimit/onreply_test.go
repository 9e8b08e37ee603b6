package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
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

// TestReplyHooksKeepTheirCall: the records that carry each call's
// reservation to its OnReply hook are reused between calls; concurrent
// Creates on two limiters, whose replies report different usage, each
// correct their own limiter by their own reply, so both end exactly at
// what their replies used.
func TestReplyHooksKeepTheirCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) { // the clock stands still: no refill
		const calls, budget = 40, 100000
		type side struct {
			l       *ratelimit.Limiter
			c       *client.Client
			req     client.MessageRequest
			in, out int
		}
		var sides []side
		for i, u := range [][2]int{{10, 5}, {23, 7}} {
			// Requests of different sizes and max_tokens: a reservation
			// corrected by the other side's reply would be seen.
			req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: int64(64 + 100*i),
				Messages: []client.MessageParam{client.UserText(strings.Repeat("x", 200+400*i))}}
			l := ratelimit.NewLimiter(ratelimit.Config{InputTokensPerMinute: budget, OutputTokensPerMinute: budget})
			body := fmt.Sprintf(`{"id":"m","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":%d,"output_tokens":%d}}`, u[0], u[1])
			wire, _ := fixed(func(int) answer {
				return answer{status: 200, body: body, header: http.Header{"Content-Type": {"application/json"}}}
			})
			c, err := client.New(client.WithAPIKey("sk-ant-test-hooks"), client.WithBaseURL("http://127.0.0.1:1"),
				client.WithHTTPClient(&http.Client{Transport: wire}), l.Option())
			if err != nil {
				t.Fatal(err)
			}
			sides = append(sides, side{l, c, req, u[0], u[1]})
		}
		var wg sync.WaitGroup
		for i := range calls {
			for _, s := range sides {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := s.c.Messages.Create(context.Background(), s.req); err != nil {
						t.Errorf("call %d: %v", i, err)
					}
				}()
			}
		}
		wg.Wait()
		for i, s := range sides {
			_, in, out := s.l.Available()
			if want := float64(budget - calls*s.in); in != want {
				t.Errorf("limiter %d: input balance %v, want %v", i, in, want)
			}
			if want := float64(budget - calls*s.out); out != want {
				t.Errorf("limiter %d: output balance %v, want %v", i, out, want)
			}
		}
	})
}

package ratelimit_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/ratelimit"
)

func ExampleNewLimiter() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("anthropic-ratelimit-requests-limit", "50")
		w.Header().Set("anthropic-ratelimit-requests-remaining", "49")
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer srv.Close()

	// One request per minute, refusing instead of waiting.
	l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1, Mode: ratelimit.Reject})
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), l.Option())
	if err != nil {
		panic(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}
	msg, err := c.Messages.Create(context.Background(), req)
	fmt.Println(msg.Text(), err)
	info, _ := l.Info()
	fmt.Println("server says requests remaining:", info.Requests.Remaining)
	_, err = c.Messages.Create(context.Background(), req)
	fmt.Println("second call refused:", errors.Is(err, client.ErrRateLimitWait))
	// Output:
	// Hi! <nil>
	// server says requests remaining: 49
	// second call refused: true
}

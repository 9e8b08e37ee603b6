package preset_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/preset"
)

func ExampleRecommended() {
	// A loopback API that fails once with a retry hint, then answers.
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.Header().Set("retry-after-ms", "5")
			w.WriteHeader(503)
			fmt.Fprint(w, `{"type":"error","error":{"type":"api_error","message":"try again"}}`)
			return
		}
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer srv.Close()

	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), preset.Recommended())
	if err != nil {
		panic(err)
	}
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")},
	})
	fmt.Println(msg.Text(), err, "after", n.Load(), "attempts")
	// Output:
	// Hi! <nil> after 2 attempts
}

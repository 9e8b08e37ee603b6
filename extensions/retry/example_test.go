package retry_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
)

func ExampleNew() {
	// A loopback API that is overloaded once, then answers.
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.Header().Set("retry-after-ms", "10")
			w.WriteHeader(529)
			fmt.Fprint(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer srv.Close()

	c, err := client.New(
		client.WithAPIKey("sk-ant-test-example"),
		client.WithBaseURL(srv.URL),
		retry.New(retry.Config{
			MaxRetries: 3,
			OnAttempt: func(a retry.Attempt) {
				fmt.Printf("attempt %d: status %d, retry %v after %v\n", a.Number, a.StatusCode, a.Retry, a.Delay)
			},
		}),
	)
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msg, err := c.Messages.Create(ctx, client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 64,
		Messages: []client.MessageParam{client.UserText("Hello")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(msg.Text())
	// Output:
	// attempt 1: status 529, retry true after 10ms
	// attempt 2: status 200, retry false after 0s
	// Hi!
}

func ExampleConfig_Backoff() {
	// The SDK's schedule without jitter: 0.5 s doubling to the 8 s cap.
	p := retry.Config{Jitter: retry.NoJitter, MaxRetries: 5}
	for n := 1; n <= 6; n++ {
		fmt.Println(p.Backoff(n))
	}
	// Output:
	// 500ms
	// 1s
	// 2s
	// 4s
	// 8s
	// 8s
}

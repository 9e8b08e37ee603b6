package quota_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/quota"
)

func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer srv.Close()

	// One call and one dollar a day, across every model.
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1, CostUSD: 1}}})
	if err != nil {
		panic(err)
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), q.Option())
	if err != nil {
		panic(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}
	msg, err := c.Messages.Create(context.Background(), req)
	fmt.Println(msg.Text(), err)
	_, err = c.Messages.Create(context.Background(), req)
	var ex *quota.ExceededError
	fmt.Println(errors.As(err, &ex), ex.Limit, ex.Period)
	u := q.Usage()["claude-haiku-4-5"]
	fmt.Printf("%d call, %d+%d tokens, $%.6f\n", u.Requests, u.InputTokens, u.OutputTokens, u.CostUSD)
	// Output:
	// Hi! <nil>
	// true requests day
	// 1 call, 3+2 tokens, $0.000013
}

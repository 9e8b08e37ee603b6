package quota_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
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

func ExampleQuota_Reconcile() {
	// An organization (client/orgtest, in memory) that served 40,000 input
	// and 2,000 output tokens of claude-haiku-4-5 an hour ago.
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	org := orgtest.New()
	org.Now = func() time.Time { return now }
	org.RecordUsage(orgtest.Usage{Time: now.Add(-time.Hour), Model: "claude-haiku-4-5", InputTokens: 40_000, OutputTokens: 2_000})
	srv := httptest.NewServer(org.Handler())
	defer srv.Close()
	admin, err := client.New(client.WithAdminKey("sk-ant-admin01-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}

	// A process starting now picks the day up where the organization is.
	q, err := quota.NewQuota(quota.Config{Now: func() time.Time { return now }, Limits: []quota.Limit{{Period: quota.Day, InputTokens: 1_000_000, CostUSD: 5}}})
	if err != nil {
		panic(err)
	}
	counts, err := q.Reconcile(context.Background(), admin)
	if err != nil {
		panic(err)
	}
	for _, r := range counts {
		if r.Metric == "cost_usd" { // counted in micro-dollars
			fmt.Printf("%s $%.2f of $%.2f\n", r.Metric, r.UsedUSD(), r.MaxUSD())
			continue
		}
		fmt.Println(r.Metric, r.Used, "of", r.Max)
	}
	// Output:
	// input_tokens 40000 of 1000000
	// cost_usd $0.05 of $5.00
}

package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/emulator"
)

// Start an emulator for a test and point the client at it.
func ExampleStart() {
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Config{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	msg, err := c.Messages.Create(ctx, client.MessageRequest{
		Model:     "claude-sonnet-4-5",
		MaxTokens: 256,
		Messages:  []client.MessageParam{client.UserText("Say hello")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(msg.Text())
	// Output: Hello, and welcome to claude-go! This reply was streamed to you by the local emulator, so no API key was needed.
}

// The handler mounts on httptest; the x-emulator-fault header (here through
// client.WithHeader) makes one call fail like an overloaded API.
func ExampleNew() {
	h, err := emulator.New(emulator.Config{})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()

	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(ts.URL))
	if err != nil {
		panic(err)
	}
	_, err = c.Models.Get(context.Background(), "claude-haiku-4-5",
		client.WithHeader(emulator.HeaderFault, "status=529;retry-after=2"))
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Type, apiErr.RetryAfter)
	}
	// Output: 529 overloaded_error 2s
}

// A Responder scripts the model.
func ExampleResponder() {
	srv, err := emulator.Start(context.Background(), emulator.Config{
		Responder: func(r *emulator.Request) emulator.Reply {
			return emulator.Reply{Text: "echo: " + r.LastUserText()}
		},
	})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 100,
		Messages: []client.MessageParam{client.UserText("ping")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(msg.Text())
	// Output: echo: ping
}

// Fault rules apply to matching requests without touching the client.
func ExampleFaultRule() {
	srv, err := emulator.Start(context.Background(), emulator.Config{
		Faults: []emulator.FaultRule{{Path: "/v1/models", Count: 1, Fault: emulator.Fault{Status: 503}}},
	})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	for range 2 {
		req, err := http.NewRequest("GET", srv.URL()+"/v1/models", nil)
		if err != nil {
			panic(err)
		}
		req.Header.Set("x-api-key", "sk-ant-test-emulator")
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	// Output:
	// 503
	// 200
}

// Script plays one reply per turn: here two tool calls in the first turn,
// then an answer.
func ExampleScript() {
	srv, err := emulator.Start(context.Background(), emulator.Config{Responder: emulator.Script(
		emulator.Reply{ToolCalls: []emulator.ToolCall{
			{Name: "lookup", Input: []byte(`{"q":"a"}`)},
			{Name: "lookup", Input: []byte(`{"q":"b"}`)},
		}},
		emulator.Reply{Text: "Both found."},
	)})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	tool, err := client.NewTool("lookup", "Look up", `{"type":"object","properties":{"q":{"type":"string"}}}`)
	if err != nil {
		panic(err)
	}
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 100, Tools: []client.ToolUnion{tool},
		Messages: []client.MessageParam{client.UserText("look up a and b")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(msg.ToolUses()), *msg.StopReason)
	// Output: 2 tool_use
}

package client_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/claudego/claude/client"
)

// ExampleWithMiddlewareAt puts a middleware inside the retry loop, where it
// sees every attempt, and one outside the rate limiter, where it sees each
// call once, without a new Layer constant.
func ExampleWithMiddlewareAt() {
	srv := exampleServer()
	defer srv.Close()
	logAs := func(name string) client.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				fmt.Println(name, r.Method, r.URL.Path)
				return next.RoundTrip(r)
			})
		}
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL),
		client.WithMiddlewareAt(client.After("retry"), "attempt-log", logAs("attempt")),
		client.WithMiddlewareAt(client.Before("ratelimit"), "call-log", logAs("call")))
	if err != nil {
		fmt.Println(err)
		return
	}
	req := client.CountTokensRequest{Model: "claude-haiku-4-5", Messages: []client.MessageParam{client.UserText("Hi")}}
	if _, err := c.Messages.CountTokens(context.Background(), req); err != nil {
		fmt.Println(err)
	}
	// Output:
	// call POST /v1/messages/count_tokens
	// attempt POST /v1/messages/count_tokens
}

// ExampleRequestInfoOf is a layer that reads the model and max_tokens of
// the request the client made, without scanning its body, and falls back
// to the body for a request that does not carry them.
func ExampleRequestInfoOf() {
	srv := exampleServer()
	defer srv.Close()
	perModel := func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if info, ok := client.RequestInfoOf(r); ok {
				fmt.Println(info.Model, info.MaxTokens, info.Stream)
			} else {
				fmt.Println("read the body") // made elsewhere, or rewritten by a middleware
			}
			return next.RoundTrip(r)
		})
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), client.WithMiddleware(perModel))
	if err != nil {
		fmt.Println(err)
		return
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 256, Messages: []client.MessageParam{client.UserText("Hi")}}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		fmt.Println(err)
	}
	// Output:
	// claude-haiku-4-5 256 false
}

// ExampleOnReply is a layer that reads the usage of the reply from the
// Message the client decodes, rather than parsing the body itself.
func ExampleOnReply() {
	srv := exampleServer()
	defer srv.Close()
	usage := func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if err == nil && !client.OnReply(r, func(m *client.Message) {
				if m != nil {
					fmt.Println("output tokens:", m.Usage.OutputTokens)
				}
			}) {
				fmt.Println("read the body") // a stream, or a request made elsewhere
			}
			return resp, err
		})
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), client.WithMiddleware(usage))
	if err != nil {
		fmt.Println(err)
		return
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 256, Messages: []client.MessageParam{client.UserText("Hi")}}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		fmt.Println(err)
	}
	// Output:
	// output tokens: 6
}

package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
)

// A server that redirects a call to another origin gets a refusal, not the
// key.
func ExampleRedirectError() {
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("never reached")
	}))
	defer elsewhere.Close()
	api := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/collect", http.StatusTemporaryRedirect))
	defer api.Close()

	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(api.URL))
	if err != nil {
		panic(err)
	}
	_, err = c.Messages.CountTokens(context.Background(), client.CountTokensRequest{
		Model: "claude-haiku-4-5", Messages: []client.MessageParam{client.UserText("Hello")},
	})
	var re *client.RedirectError
	fmt.Println(errors.Is(err, client.ErrRedirectRefused), errors.As(err, &re) && re.To == elsewhere.URL+"/collect")
	// Output:
	// true true
}

// WithMaxResponseSize bounds what a non-streamed reply may make the client
// hold in memory.
func ExampleWithMaxResponseSize() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), client.WithMaxResponseSize(64))
	if err != nil {
		panic(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}
	_, err = c.Messages.Create(context.Background(), req)
	fmt.Println(errors.Is(err, client.ErrResponseTooLarge))
	// Output:
	// true
}

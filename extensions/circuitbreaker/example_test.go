package circuitbreaker_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
)

func ExampleNewBreaker() {
	// A loopback API that is down.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(503)
		fmt.Fprint(w, `{"type":"error","error":{"type":"api_error","message":"down"}}`)
	}))
	defer srv.Close()

	b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 2})
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), b.Option())
	if err != nil {
		panic(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}
	for i := 1; i <= 3; i++ {
		_, err := c.Messages.Create(context.Background(), req)
		fmt.Printf("call %d: server error %v, circuit open %v, state now %v\n",
			i, errors.Is(err, client.ErrServer), errors.Is(err, client.ErrCircuitOpen), b.State())
	}
	// Output:
	// call 1: server error true, circuit open false, state now closed
	// call 2: server error true, circuit open false, state now open
	// call 3: server error false, circuit open true, state now open
}

func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(503)
		fmt.Fprint(w, `{"type":"error","error":{"type":"api_error","message":"down"}}`)
	}))
	defer srv.Close()

	// New(cfg) is NewBreaker(cfg).Option(), for when you do not need the *Breaker.
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL),
		circuitbreaker.New(circuitbreaker.Config{FailureThreshold: 1}))
	if err != nil {
		panic(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}
	for i := 1; i <= 2; i++ {
		_, err := c.Messages.Create(context.Background(), req)
		fmt.Printf("call %d: circuit open %v\n", i, errors.Is(err, client.ErrCircuitOpen))
	}
	// Output:
	// call 1: circuit open false
	// call 2: circuit open true
}

package failover_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/failover"
)

func ExampleNewRouter() {
	// The primary is down (nothing listens); the secondary answers.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	primary := "http://" + l.Addr().String()
	l.Close()
	secondary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi from the secondary"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer secondary.Close()

	r, err := failover.NewRouter(failover.Config{
		Strategy: failover.Priority,
		Endpoints: []failover.Endpoint{
			{Name: "primary", BaseURL: primary},
			{Name: "secondary", BaseURL: secondary.URL, APIKey: client.NewSecret("sk-ant-test-secondary")},
		},
	})
	if err != nil {
		panic(err)
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-primary"), client.WithBaseURL(primary), r.Option())
	if err != nil {
		panic(err)
	}
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(msg.Text())
	for _, s := range r.Status() {
		fmt.Println(s.Name, s.Health)
	}
	// Output:
	// Hi from the secondary
	// primary unhealthy
	// secondary healthy
}

func ExampleNew() {
	// New returns the option; a Config it rejects fails client.New before any I/O.
	_, err := client.New(client.WithAPIKey("sk-ant-test-example"), failover.New(failover.Config{}))
	fmt.Println(err)
	_, err = client.New(client.WithAPIKey("sk-ant-test-example"), failover.New(failover.Config{
		Endpoints: []failover.Endpoint{{BaseURL: "http://gateway.example.com"}},
	}))
	fmt.Println(err != nil)
	// Output:
	// failover: no endpoints
	// true
}

// A gateway that holds its own upstream key gets no credential from the
// client: NoCredential removes x-api-key and Authorization for it.
func ExampleEndpoint_noCredential() {
	gateway := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Printf("gateway saw x-api-key %q\n", r.Header.Get("x-api-key"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi via the gateway"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer gateway.Close()

	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{
		{Name: "gateway", BaseURL: gateway.URL, NoCredential: true},
	}})
	if err != nil {
		panic(err)
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-mine"), client.WithBaseURL(gateway.URL), r.Option())
	if err != nil {
		panic(err)
	}
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(msg.Text())
	// Output:
	// gateway saw x-api-key ""
	// Hi via the gateway
}

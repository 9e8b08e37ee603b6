package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/claudego/claude/client"
)

// exampleServer answers like the API, on loopback, so examples run offline.
func exampleServer() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/messages", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		w.Header().Set("request-id", "req_example")
		_, _ = io.WriteString(w, `{"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hello from Claude."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":6}}`)
	})
	mux.HandleFunc("POST /v1/messages/count_tokens", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"input_tokens":12}`)
	})
	mux.HandleFunc("GET /v1/models", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("after_id") == "" {
			_, _ = io.WriteString(w, `{"data":[{"type":"model","id":"claude-opus-4-1","display_name":"Claude Opus 4.1","created_at":"2025-08-05T00:00:00Z"}],"has_more":true,"first_id":"claude-opus-4-1","last_id":"claude-opus-4-1"}`)
			return
		}
		_, _ = io.WriteString(w, `{"data":[{"type":"model","id":"claude-haiku-4-5","display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"}],"has_more":false,"first_id":"claude-haiku-4-5","last_id":"claude-haiku-4-5"}`)
	})
	mux.HandleFunc("GET /v1/models/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "claude-haiku-4-5" {
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"not_found_error","message":"model: `+r.PathValue("id")+`"},"request_id":"req_404"}`)
			return
		}
		_, _ = io.WriteString(w, `{"type":"model","id":"claude-haiku-4-5","display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"}`)
	})
	return httptest.NewServer(mux)
}

func ExampleNew() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.BaseURL() == srv.URL)
	// Output: true
}

func ExampleMessagesService_Create() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}

	var resp *http.Response
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{
		Model:     "claude-haiku-4-5",
		MaxTokens: 256,
		System:    client.SystemText("Be brief."),
		Messages:  []client.MessageParam{client.UserText("Say hello.")},
	}, client.WithResponseInto(&resp))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(msg.Text())
	fmt.Println(msg.StopReason != nil && *msg.StopReason == client.MessageStopReasonEndTurn, msg.Usage.OutputTokens)
	fmt.Println(resp.Header.Get("request-id"))
	// Output:
	// Hello from Claude.
	// true 6
	// req_example
}

func ExampleMessagesService_CountTokens() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	n, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{
		Model:    "claude-haiku-4-5",
		Messages: []client.MessageParam{client.UserText("Say hello.")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.InputTokens)
	// Output: 12
}

func ExampleModelsService_List() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	for m, err := range c.Models.List(context.Background(), client.ModelListParams{ListParams: client.ListParams{Limit: 1}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(m.ID, "-", m.DisplayName)
	}
	// Output:
	// claude-opus-4-1 - Claude Opus 4.1
	// claude-haiku-4-5 - Claude Haiku 4.5
}

func ExampleModelsService_ListPage() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	page, err := c.Models.ListPage(context.Background(), client.ModelListParams{ListParams: client.ListParams{Limit: 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 true
}

func ExampleModelsService_Get() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	if _, err := c.Models.Get(context.Background(), "claude-nope"); errors.Is(err, client.ErrNotFound) {
		var apiErr *client.APIError
		errors.As(err, &apiErr)
		fmt.Println("not found:", apiErr.RequestID)
	}
	m, err := c.Models.Get(context.Background(), "claude-haiku-4-5")
	if err != nil {
		panic(err)
	}
	fmt.Println(m.DisplayName)
	// Output:
	// not found: req_404
	// Claude Haiku 4.5
}

func ExampleNewTool() {
	tool, err := client.NewTool("get_weather", "Current weather for a city.", map[string]any{
		"type":       "object",
		"properties": map[string]any{"city": map[string]any{"type": "string"}},
		"required":   []string{"city"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 512,
		Messages:   []client.MessageParam{client.UserText("Weather in Paris?")},
		Tools:      []client.ToolUnion{tool},
		ToolChoice: client.ToolChoiceToolOf("get_weather"),
	}
	fmt.Println(client.ValidateMessageRequest(&req))
	// Output: <nil>
}

package client_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/claudego/claude/client"
)

// tokenCounter is an Observer that adds up the tokens of every call.
type tokenCounter struct{ in, out int64 }

func (t *tokenCounter) CallStart(ctx context.Context, c client.CallInfo) context.Context {
	fmt.Println("start", c.Operation, c.Model)
	return ctx
}

func (t *tokenCounter) Observe(ctx context.Context, e client.Event) {
	fmt.Println(e.Kind, e.Attempt, e.Status)
	if e.Kind == client.EventCallEnd && e.Usage.Reported {
		t.in += e.Usage.InputTokens
		t.out += e.Usage.OutputTokens
	}
}

// ExampleWithObserver watches every call of a client: its start, each
// attempt and its end with the usage. (A real observer must be safe for
// concurrent use; this one serves one call.)
func ExampleWithObserver() {
	srv := exampleServer()
	defer srv.Close()
	counter := &tokenCounter{}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), client.WithObserver(counter))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("tokens", counter.in, counter.out)
	// Output:
	// start messages.create claude-haiku-4-5
	// attempt_start 1 0
	// attempt_end 1 200
	// call_end 0 200
	// tokens 12 6
}

// ExampleWithLogger logs each call through log/slog. (The time and
// duration attributes are dropped here so the output is stable.)
func ExampleWithLogger() {
	srv := exampleServer()
	defer srv.Close()
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey || a.Key == "duration" || a.Key == "server" {
			return slog.Attr{}
		}
		return a
	}}))
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), client.WithLogger(logger))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// level=INFO msg="claude request" op=messages.create model=claude-haiku-4-5
	// level=INFO msg="claude response" op=messages.create model=claude-haiku-4-5 request_id=req_example status=200 input_tokens=12 output_tokens=6 cache_read_tokens=0 cache_creation_tokens=0 stop_reason=end_turn
}

// ExampleWithLogBodies logs one call at DEBUG with its request body; the
// key's header reads [REDACTED].
func ExampleWithLogBodies() {
	srv := exampleServer()
	defer srv.Close()
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == "msg" || a.Key == "body" || a.Key == "X-Api-Key" {
			return a
		}
		return slog.Attr{}
	}}))
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	req := client.CountTokensRequest{Model: "claude-haiku-4-5", Messages: []client.MessageParam{client.UserText("Hi")}}
	if _, err := c.Messages.CountTokens(context.Background(), req, client.WithLogger(logger), client.WithLogBodies()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// msg="claude request"
	// msg="claude attempt" header.X-Api-Key=[REDACTED] body="{\"messages\":[{\"content\":[{\"text\":\"Hi\",\"type\":\"text\"}],\"role\":\"user\"}],\"model\":\"claude-haiku-4-5\"}"
	// msg="claude attempt end"
	// msg="claude response body" body="{\"input_tokens\":12}"
	// msg="claude response"
}

// ExampleReport is a layer of its own telling the call's observers what it
// did, the way the retry layer reports a retry: it finds them in the
// request's context, and does nothing when there are none.
func ExampleReport() {
	srv := exampleServer()
	defer srv.Close()
	layer := func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			client.Report(r.Context(), client.Event{Kind: client.EventRateLimitWait, Name: "tenant"})
			return next.RoundTrip(r)
		})
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL),
		client.WithMiddlewareAt(client.Before("ratelimit"), "tenant", layer))
	if err != nil {
		fmt.Println(err)
		return
	}
	watch := observerFunc(func(_ context.Context, e client.Event) {
		if e.Kind == client.EventRateLimitWait {
			fmt.Println(e.Kind, e.Operation, e.Name)
		}
	})
	if _, err := c.Models.Get(context.Background(), "claude-haiku-4-5", client.WithObserver(watch)); err != nil {
		fmt.Println(err)
	}
	if _, err := c.Models.Get(context.Background(), "claude-haiku-4-5"); err != nil { // nobody listens: nothing reported
		fmt.Println(err)
	}
	// Output:
	// rate_limit_wait models.get tenant
}

// scopePrinter prints the agent and tool events it hears, and marks the
// context of each scope it opens.
type scopePrinter struct{}

type scopeNameKey struct{}

func (scopePrinter) CallStart(ctx context.Context, c client.CallInfo) context.Context {
	fmt.Println("call", c.Operation, "in", ctx.Value(scopeNameKey{}))
	return ctx
}

func (scopePrinter) Observe(_ context.Context, e client.Event) {
	if e.Kind == client.EventToolEnd || e.Kind == client.EventAgentEnd {
		fmt.Println(e.Kind, e.Name, e.Outcome, e.Turn)
	}
}

func (scopePrinter) ScopeStart(ctx context.Context, e client.Event) context.Context {
	fmt.Println(e.Kind, e.Name, e.Operation)
	return context.WithValue(ctx, scopeNameKey{}, e.Name)
}

// ExampleClient_ObserveScope reports work that spans calls, the way the
// agent framework (extensions/agent) reports a run and its tool calls: the
// observers of the client hear the run's start, its calls start in the
// run's context, and a tool call gets a context of its own.
func ExampleClient_ObserveScope() {
	srv := exampleServer()
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), client.WithObserver(scopePrinter{}))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, err := c.ObserveScope(context.Background(), "agent.run")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx = client.ReportStart(ctx, client.Event{Kind: client.EventAgentStart, Name: "helper"})
	if _, err := c.Messages.Create(ctx, minimalRequest()); err != nil {
		fmt.Println(err)
		return
	}
	toolCtx := client.ReportStart(ctx, client.Event{Kind: client.EventToolStart, Name: "lookup", ToolCallID: "toolu_1", Turn: 1})
	client.Report(toolCtx, client.Event{Kind: client.EventToolEnd, Name: "lookup", ToolCallID: "toolu_1", Turn: 1, Outcome: client.ToolOutcomeOK})
	client.Report(ctx, client.Event{Kind: client.EventAgentEnd, Name: "helper", Turn: 1})
	// Output:
	// agent_start helper agent.run
	// call messages.create in helper
	// tool_start lookup agent.run
	// tool_end lookup ok 1
	// agent_end helper  1
}

// ExampleErrorType names failures the way the logger's error_type and the
// OpenTelemetry module's error.type do.
func ExampleErrorType() {
	fmt.Println(client.ErrorType(&client.APIError{StatusCode: 529, Type: "overloaded_error"}))
	fmt.Println(client.ErrorType(&client.APIError{StatusCode: 502}))
	fmt.Println(client.ErrorType(context.DeadlineExceeded))
	fmt.Println(client.ErrorType(client.ErrTruncated))
	// Output:
	// overloaded_error
	// 502
	// timeout
	// truncated
}

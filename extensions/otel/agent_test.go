package claudeotel_test

import (
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/internal/agenttest"
)

// agentReplies is a two-turn run: the model calls lookup and fail, then
// answers.
var agentReplies = []string{
	agenttest.MsgUsage("tool_use", 10, 5, agenttest.Text("Let me look."),
		agenttest.ToolUse("toolu_ok", "lookup", `{"q":"oslo"}`), agenttest.ToolUse("toolu_bad", "fail", `{"q":"x"}`)),
	agenttest.MsgUsage("end_turn", 30, 7, agenttest.Text("Oslo is 18C.")),
}

type query struct {
	Q string `json:"q"`
}

// newAgent is a two-tool agent named Researcher; lookup records the span it
// runs under, to prove a tool's context is its execute_tool span's.
func newAgent(t *testing.T, c *client.Client, toolSpan *trace.SpanContext, opts ...client.Option) *agent.Agent {
	t.Helper()
	lookup, err := agent.NewTool("lookup", "Look a city up", func(ctx context.Context, in query) (string, error) {
		*toolSpan = trace.SpanContextFromContext(ctx)
		return "18C in " + in.Q, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fail, err := agent.NewTool("fail", "Always fails", func(ctx context.Context, in query) (string, error) {
		return "", errors.New("backend down")
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := agent.New(c, agent.Config{Name: "Researcher", Model: "claude-haiku-4-5", MaxTokens: 256,
		Tools: []agent.Tool{lookup, fail}, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAgentSpans runs a two-turn agent with tools, through Run (the
// module on the client) and Stream (the module in the agent's per-call
// Options), and checks the conventions' agent spans on the real SDK: one
// INTERNAL "invoke_agent Researcher" span with the agent's attributes and
// the run's total usage; its two "chat" spans and two "execute_tool" spans
// as its children, the tools run between the turns; the failed tool's span
// with error.type and status Error; and the tool running under its span.
func TestAgentSpans(t *testing.T) {
	for _, mode := range []string{"run", "stream"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			tel := newTelemetry(t)
			srv := agenttest.NewServer(agentReplies...)
			t.Cleanup(srv.Close)
			var toolSpan trace.SpanContext
			var res *agent.Result
			var err error
			if mode == "run" {
				a := newAgent(t, newClient(t, srv.URL(), tel.option(false)), &toolSpan)
				res, err = a.Run(context.Background(), []client.MessageParam{client.UserText("Weather in Oslo?")})
			} else {
				a := newAgent(t, newClient(t, srv.URL()), &toolSpan, tel.option(false))
				for ev, e := range a.Stream(context.Background(), []client.MessageParam{client.UserText("Weather in Oslo?")}) {
					if d, ok := ev.(agent.Done); ok {
						res, err = d.Result, e
					}
				}
			}
			if err != nil || res.Turns != 2 {
				t.Fatalf("run: %v, %+v", err, res)
			}

			run := tel.span(t, "invoke_agent Researcher")
			if run.SpanKind() != trace.SpanKindInternal || run.Parent().IsValid() {
				t.Errorf("run span kind %v, parent %v: want a root INTERNAL span", run.SpanKind(), run.Parent())
			}
			a := attrs(run)
			for k, want := range map[string]any{
				"gen_ai.operation.name":          "invoke_agent",
				"gen_ai.provider.name":           "anthropic",
				"gen_ai.agent.name":              "Researcher",
				"gen_ai.request.model":           "claude-haiku-4-5",
				"gen_ai.usage.input_tokens":      int64(40),
				"gen_ai.usage.output_tokens":     int64(12),
				"gen_ai.response.finish_reasons": []string{"end_turn"},
				"claude.agent.turns":             int64(2),
			} {
				if got, ok := a[attrKey(k)]; !ok || !equalValue(got.AsInterface(), want) {
					t.Errorf("run span %s = %v, want %v", k, a[attrKey(k)].AsInterface(), want)
				}
			}
			if _, ok := a["error.type"]; ok || run.Status().Code != codes.Unset {
				t.Errorf("a run that succeeded has error.type %v, status %v", a["error.type"], run.Status())
			}

			chats := tel.spansNamed("chat claude-haiku-4-5")
			if len(chats) != 2 {
				t.Fatalf("chat spans %v, want 2", names(tel.ended()))
			}
			for _, s := range chats {
				if s.Parent().SpanID() != run.SpanContext().SpanID() {
					t.Errorf("chat span not a child of the run's")
				}
			}
			ok, bad := tel.span(t, "execute_tool lookup"), tel.span(t, "execute_tool fail")
			for _, s := range []sdktrace.ReadOnlySpan{ok, bad} {
				if s.Parent().SpanID() != run.SpanContext().SpanID() || s.SpanKind() != trace.SpanKindInternal {
					t.Errorf("%s: parent %v kind %v, want the run's INTERNAL child", s.Name(), s.Parent(), s.SpanKind())
				}
				if s.StartTime().Before(chats[0].EndTime()) || s.EndTime().After(chats[1].StartTime()) {
					t.Errorf("%s did not run between the two turns", s.Name())
				}
				if got := attrs(s)["gen_ai.tool.type"].AsString(); got != "function" {
					t.Errorf("%s gen_ai.tool.type %q", s.Name(), got)
				}
				if got := attrs(s)["gen_ai.operation.name"].AsString(); got != "execute_tool" {
					t.Errorf("%s gen_ai.operation.name %q", s.Name(), got)
				}
			}
			oa, ba := attrs(ok), attrs(bad)
			if oa["gen_ai.tool.name"].AsString() != "lookup" || oa["gen_ai.tool.call.id"].AsString() != "toolu_ok" ||
				oa["claude.tool.outcome"].AsString() != "ok" || ok.Status().Code != codes.Unset {
				t.Errorf("lookup span %v %v", ok.Attributes(), ok.Status())
			}
			if _, has := oa["error.type"]; has {
				t.Errorf("lookup span has error.type")
			}
			for _, k := range []attribute.Key{"gen_ai.tool.call.arguments", "gen_ai.tool.call.result"} {
				if _, has := oa[k]; has {
					t.Errorf("%s recorded with content capture off", k)
				}
			}
			if ba["gen_ai.tool.call.id"].AsString() != "toolu_bad" || ba["error.type"].AsString() != "error" ||
				bad.Status().Code != codes.Error || bad.Status().Description != "backend down" {
				t.Errorf("fail span %v %v", bad.Attributes(), bad.Status())
			}
			m := tel.metrics(t)
			if got := histogramF(t, m, "gen_ai.invoke_agent.duration"); len(got) != 1 || got[0].Count != 1 ||
				setAttrs(got[0].Attributes)["gen_ai.agent.name"] != "Researcher" {
				t.Errorf("agent duration points %+v", got)
			}
			byTool := map[any]any{}
			for _, p := range histogramF(t, m, "gen_ai.execute_tool.duration") {
				a := setAttrs(p.Attributes)
				byTool[a["gen_ai.tool.name"]] = a["error.type"]
			}
			if len(byTool) != 2 || byTool["lookup"] != nil || byTool["fail"] != "error" {
				t.Errorf("tool duration points by tool (error.type) %v", byTool)
			}
			if toolSpan.SpanID() != ok.SpanContext().SpanID() {
				t.Errorf("the tool ran under span %v, want its execute_tool span %v", toolSpan.SpanID(), ok.SpanContext().SpanID())
			}
		})
	}
}

// TestAgentRunFailed: a run that ends with an error has error.type on its
// span (the agent's own name for max turns) and status Error.
func TestAgentRunFailed(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := agenttest.NewServer(agentReplies...)
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL(), tel.option(false))
	tool, err := agent.NewTool("lookup", "Look a city up", func(ctx context.Context, in query) (string, error) { return "ok", nil })
	if err != nil {
		t.Fatal(err)
	}
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 256, MaxTurns: 1, Tools: []agent.Tool{tool}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); !errors.Is(err, agent.ErrMaxTurns) {
		t.Fatalf("run: %v, want ErrMaxTurns", err)
	}
	run := tel.span(t, "invoke_agent") // no name: the conventions' bare span name
	if got := attrs(run)["error.type"].AsString(); got != "max_turns" || run.Status().Code != codes.Error {
		t.Errorf("error.type %q status %v", got, run.Status())
	}
	if _, ok := attrs(run)["gen_ai.agent.name"]; ok {
		t.Error("gen_ai.agent.name set for an agent without a name")
	}
}

// TestAgentToolContent: with content capture on, a tool span records the
// call's arguments and its result (a text result as its text), opt-in as
// the conventions say.
func TestAgentToolContent(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := agenttest.NewServer(agentReplies...)
	t.Cleanup(srv.Close)
	var toolSpan trace.SpanContext
	a := newAgent(t, newClient(t, srv.URL(), tel.option(true)), &toolSpan)
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("Weather in Oslo?")}); err != nil {
		t.Fatal(err)
	}
	ok, bad := attrs(tel.span(t, "execute_tool lookup")), attrs(tel.span(t, "execute_tool fail"))
	if got := ok["gen_ai.tool.call.arguments"].AsString(); got != `{"q":"oslo"}` {
		t.Errorf("arguments %q", got)
	}
	if got := ok["gen_ai.tool.call.result"].AsString(); got != "18C in oslo" {
		t.Errorf("result %q", got)
	}
	if got := bad["gen_ai.tool.call.result"].AsString(); got != "backend down" {
		t.Errorf("failed call's result %q, want the error text the model got", got)
	}
}

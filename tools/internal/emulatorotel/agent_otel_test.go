package emulatorotel_test

import (
	"context"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	claudeotel "github.com/claudego/claude/extensions/otel"
	"github.com/claudego/claude/tools/emulator"
)

// TestAgentSpansThroughTheEmulator runs a two-turn agent against the
// emulator (the model calls get_weather, then reports its result) with the
// OpenTelemetry module on the real SDK, and checks the GenAI conventions'
// span tree: invoke_agent at the root, its two chat spans (each with its
// HTTP attempt) and the execute_tool span as its children.
func TestAgentSpansThroughTheEmulator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	t.Cleanup(func() { _ = tp.Shutdown(ctx) })
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()),
		claudeotel.New(claudeotel.Config{TracerProvider: tp}))
	if err != nil {
		t.Fatal(err)
	}
	type cityIn struct {
		City string `json:"city"`
	}
	weather, err := agent.NewTool("get_weather", "Current weather for a city", func(ctx context.Context, in cityIn) (string, error) {
		return "18C in " + in.City, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := agent.New(c, agent.Config{Name: "Forecaster", Model: "claude-sonnet-4-5", MaxTokens: 256, Tools: []agent.Tool{weather}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Run(ctx, []client.MessageParam{client.UserText("Call get_weather for Paris")})
	if err != nil || res.Turns != 2 {
		t.Fatalf("run: %v (%d turns)", err, res.Turns)
	}

	byName := map[string][]sdktrace.ReadOnlySpan{}
	for _, s := range rec.Ended() {
		byName[s.Name()] = append(byName[s.Name()], s)
	}
	runs, chats, tools := byName["invoke_agent Forecaster"], byName["chat claude-sonnet-4-5"], byName["execute_tool get_weather"]
	if len(runs) != 1 || len(chats) != 2 || len(tools) != 1 || len(byName["messages.create attempt"]) != 2 {
		t.Fatalf("spans %v", byName)
	}
	run := runs[0]
	if run.Parent().IsValid() || run.SpanKind() != trace.SpanKindInternal {
		t.Errorf("invoke_agent: parent %v, kind %v", run.Parent(), run.SpanKind())
	}
	for _, s := range append(chats, tools...) {
		if s.Parent().SpanID() != run.SpanContext().SpanID() {
			t.Errorf("%s is not a child of invoke_agent", s.Name())
		}
	}
	for _, s := range byName["messages.create attempt"] {
		if s.Parent().SpanID() != chats[0].SpanContext().SpanID() && s.Parent().SpanID() != chats[1].SpanContext().SpanID() {
			t.Errorf("an attempt span is not a child of a chat span")
		}
	}
	attrs := map[string]string{}
	for _, kv := range tools[0].Attributes() {
		attrs[string(kv.Key)] = kv.Value.Emit()
	}
	toolID := ""
	if u, ok := res.Messages[1].Content.AsMessageContentBlocks(); ok == nil && len(u) > 0 {
		for _, b := range u {
			if tu, err := b.AsToolUseBlockParam(); err == nil && tu.Name == "get_weather" {
				toolID = tu.ID
			}
		}
	}
	if attrs["gen_ai.tool.name"] != "get_weather" || attrs["gen_ai.tool.type"] != "function" || attrs["gen_ai.operation.name"] != "execute_tool" ||
		attrs["gen_ai.tool.call.id"] == "" || attrs["gen_ai.tool.call.id"] != toolID || attrs["claude.tool.outcome"] != "ok" {
		t.Errorf("execute_tool attributes %v (the reply's call id %q)", attrs, toolID)
	}
}

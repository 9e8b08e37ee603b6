package agent_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/internal/obstest"
)

// scopeMark is a client.ScopeObserver that puts the event's kind and name in
// the context ReportStart returns, so the test can see which context the
// run's calls and tools got.
type scopeMark struct {
	obstest.Recorder
	mu     sync.Mutex
	callIn []string // the scope each call started in
}

type markKey struct{}

func (m *scopeMark) ScopeStart(ctx context.Context, e client.Event) context.Context {
	m.Observe(ctx, e)
	return context.WithValue(ctx, markKey{}, e.Kind.String()+":"+e.Name)
}

func (m *scopeMark) CallStart(ctx context.Context, _ client.CallInfo) context.Context {
	mark, _ := ctx.Value(markKey{}).(string)
	m.mu.Lock()
	m.callIn = append(m.callIn, mark)
	m.mu.Unlock()
	return ctx
}

// twoTools is an agent offering lookup (which records the scope mark it
// runs under) and fail (which always fails), with opts on every request.
func twoTools(t *testing.T, c *client.Client, seen *string, opts ...client.Option) *agent.Agent {
	t.Helper()
	type q struct {
		Q string `json:"q"`
	}
	lookup, err := agent.NewTool("lookup", "Look up", func(ctx context.Context, in q) (string, error) {
		*seen, _ = ctx.Value(markKey{}).(string)
		return "found " + in.Q, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fail, err := agent.NewTool("fail", "Fails", func(ctx context.Context, in q) (string, error) {
		return "", errors.New("backend down")
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := agent.New(c, agent.Config{Name: "Scout", Model: "claude-haiku-4-5", MaxTokens: 100,
		Tools: []agent.Tool{lookup, fail}, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var twoTurns = []string{
	msgUsage("tool_use", 10, 5, toolUse("toolu_1", "lookup", `{"q":"a"}`), toolUse("toolu_2", "fail", `{"q":"b"}`)),
	msgUsage("end_turn", 20, 6, text("done")),
}

// TestRunReportsToObservers: a run reports agent_start, a tool_start and
// tool_end per call with its name, id and outcome, and agent_end with the
// turns, total usage and stop reason, through the client's observers (here
// the agent's per-call Options); the run's calls start in the run's scope
// and each tool runs in its own.
func TestRunReportsToObservers(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, twoTurns...)
	var obs scopeMark
	var seen string
	a := twoTools(t, c, &seen, client.WithObserver(&obs))
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("go")}); err != nil {
		t.Fatal(err)
	}
	if len(obs.callIn) != 2 || obs.callIn[0] != "agent_start:Scout" || obs.callIn[1] != "agent_start:Scout" {
		t.Errorf("calls started in scopes %q, want the run's", obs.callIn)
	}
	if seen != "tool_start:lookup" {
		t.Errorf("lookup ran in scope %q, want its own tool_start scope", seen)
	}
	starts := obs.Of(client.EventAgentStart)
	if len(starts) != 1 || starts[0].Name != "Scout" || starts[0].Model != "claude-haiku-4-5" || starts[0].Operation != "agent.run" {
		t.Fatalf("agent_start %+v", starts)
	}
	ts := obs.Of(client.EventToolStart)
	if len(ts) != 2 || ts[0].Name != "lookup" || ts[0].ToolCallID != "toolu_1" || ts[1].Name != "fail" || ts[0].Turn != 1 {
		t.Fatalf("tool_start %+v", ts)
	}
	te := obs.Of(client.EventToolEnd)
	if len(te) != 2 {
		t.Fatalf("tool_end %+v", te)
	}
	if te[0].Outcome != client.ToolOutcomeOK || te[0].ErrorType != "" || te[0].Err != nil {
		t.Errorf("lookup's end %+v", te[0])
	}
	if te[1].Outcome != client.ToolOutcomeError || te[1].ErrorType != "error" || te[1].Err == nil ||
		!strings.Contains(te[1].Err.Error(), "backend down") || te[1].ToolCallID != "toolu_2" {
		t.Errorf("fail's end %+v", te[1])
	}
	ends := obs.Of(client.EventAgentEnd)
	if len(ends) != 1 {
		t.Fatalf("agent_end %+v", ends)
	}
	e := ends[0]
	if e.Turn != 2 || e.Err != nil || e.ErrorType != "" || e.StopReason != "end_turn" || !e.Usage.Reported ||
		e.Usage.InputTokens != 30 || e.Usage.OutputTokens != 11 || e.Duration <= 0 {
		t.Errorf("agent_end %+v", e)
	}
}

// TestToolOutcomes: each way a call ends has its outcome, which a panic,
// a denial and invalid input name.
func TestToolOutcomes(t *testing.T) {
	t.Parallel()
	c, _ := setup(t,
		msg("tool_use", toolUse("t1", "boom", `{}`), toolUse("t2", "nope", `{}`), toolUse("t3", "guarded", `{}`), toolUse("t4", "typed", `{"n":"x"}`)),
		msg("end_turn", text("ok")))
	boom, _ := agent.NewRawTool("boom", "panics", json.RawMessage(`{"type":"object"}`), func(context.Context, json.RawMessage) (agent.ToolResult, error) {
		panic("kaboom")
	})
	guarded, _ := agent.NewRawTool("guarded", "denied", json.RawMessage(`{"type":"object"}`), func(context.Context, json.RawMessage) (agent.ToolResult, error) {
		return agent.TextResult("ran"), nil
	})
	typed, err := agent.NewTool("typed", "takes a number", func(ctx context.Context, in struct {
		N int `json:"n"`
	}) (string, error) {
		return "ok", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var obs obstest.Recorder
	a, err := agent.New(c, agent.Config{Model: "m", MaxTokens: 10, Tools: []agent.Tool{boom, guarded, typed},
		Middleware: []agent.Middleware{{Before: func(_ context.Context, call *agent.Call) error {
			if call.Name == "guarded" {
				return agent.Deny("not allowed")
			}
			return nil
		}}},
		Options: []client.Option{client.WithObserver(&obs)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("go")}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range obs.Of(client.EventToolEnd) {
		got[e.Name] = e.Outcome + "/" + e.ErrorType
	}
	want := map[string]string{"boom": "panic/panic", "nope": "unknown_tool/unknown_tool", "guarded": "denied/denied", "typed": "invalid_input/invalid_input"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
}

// TestLoggerLogsRun: with client.WithLogger, a run's start and end and each
// tool call's start and end are logged at INFO, a tool call that failed at
// WARN with its error_type, in the style of testing/slogtest.
func TestLoggerLogsRun(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, twoTurns...)
	var buf bytes.Buffer
	var mu sync.Mutex
	l := slog.New(slog.NewJSONHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var seen string
	a := twoTools(t, c, &seen, client.WithLogger(l))
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("go")}); err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if strings.HasPrefix(m["msg"].(string), "claude agent") || strings.HasPrefix(m["msg"].(string), "claude tool") {
			recs = append(recs, m)
		}
	}
	var lines []string
	for _, r := range recs {
		lines = append(lines, r["level"].(string)+" "+r["msg"].(string)+" "+str(r["tool"])+str(r["agent"]))
	}
	want := "INFO claude agent start Scout|INFO claude tool start lookup|INFO claude tool start fail|" +
		"INFO claude tool end lookup|WARN claude tool end fail|INFO claude agent end Scout"
	if got := strings.Join(lines, "|"); got != want {
		t.Fatalf("records:\n%s\nwant:\n%s", got, want)
	}
	failEnd, end := recs[4], recs[5]
	if failEnd["error_type"] != "error" || failEnd["outcome"] != "error" || failEnd["tool_call_id"] != "toolu_2" ||
		!strings.Contains(str(failEnd["error"]), "backend down") {
		t.Errorf("failed tool's end %v", failEnd)
	}
	if end["turns"] != 2.0 || end["input_tokens"] != 30.0 || end["stop_reason"] != "end_turn" {
		t.Errorf("agent end %v", end)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

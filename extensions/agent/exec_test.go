package agent_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
)

type writeIn struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

// files is a tiny store whose two-phase write tool records every apply.
type files struct {
	mu      sync.Mutex
	data    map[string]string
	applied []string
	active  atomic.Int32
	maxSeen atomic.Int32
}

func (f *files) tool(t testing.TB, barrier *sync.WaitGroup) agent.Tool {
	t.Helper()
	tool, err := agent.NewTwoPhaseTool("write", "Write a file", func(ctx context.Context, in writeIn) (agent.Plan, error) {
		if barrier != nil { // every compute waits for the others: only concurrent computes get past
			barrier.Done()
			done := make(chan struct{})
			go func() { barrier.Wait(); close(done) }()
			select {
			case <-done:
			case <-ctx.Done():
				return agent.Plan{}, ctx.Err()
			}
		}
		f.mu.Lock()
		old := f.data[in.Path]
		f.mu.Unlock()
		return agent.Plan{
			Summary: fmt.Sprintf("%s: %q -> %q", in.Path, old, in.Text),
			Writes:  []string{in.Path},
			Apply: func(ctx context.Context) (agent.ToolResult, error) {
				if n := f.active.Add(1); n > f.maxSeen.Load() {
					f.maxSeen.Store(n)
				}
				defer f.active.Add(-1)
				f.mu.Lock()
				defer f.mu.Unlock()
				f.data[in.Path] = in.Text
				f.applied = append(f.applied, in.Path)
				return agent.TextResult("wrote " + in.Path), nil
			},
		}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tool
}

func TestTwoPhaseComputesConcurrentlyAppliesInOrder(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("t1", "write", `{"path":"/d","text":"4"}`), toolUse("t2", "write", `{"path":"/a","text":"1"}`),
			toolUse("t3", "write", `{"path":"/c","text":"3"}`), toolUse("t4", "write", `{"path":"/b","text":"2"}`)),
		msg("end_turn", text("done")),
	)
	f := &files{data: map[string]string{}}
	var barrier sync.WaitGroup
	barrier.Add(4)
	a := newAgent(t, c, agent.Config{Concurrency: 4, Tools: []agent.Tool{f.tool(t, &barrier)}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("write")}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.applied, ","); got != "/d,/a,/c,/b" {
		t.Fatalf("applied in order %s, want the model's order", got)
	}
	if f.maxSeen.Load() != 1 {
		t.Fatalf("%d applies ran at once", f.maxSeen.Load())
	}
	r := api.toolResults(1)
	for i, id := range []string{"t1", "t2", "t3", "t4"} {
		if r[i]["tool_use_id"] != id || r[i]["is_error"] == true {
			t.Fatalf("result %d = %v", i, r[i])
		}
	}
}

func TestTwoPhaseConflictIsCaughtBeforeAnythingIsApplied(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("t1", "write", `{"path":"/x","text":"a"}`), toolUse("t2", "write", `{"path":"/y","text":"b"}`),
			toolUse("t3", "write", `{"path":"/x","text":"c"}`)),
		msg("end_turn", text("ok")),
	)
	f := &files{data: map[string]string{}}
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("write")}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.applied, ",") != "/y" {
		t.Fatalf("applied %v, want only the call without a conflict", f.applied)
	}
	r := api.toolResults(1)
	if r[0]["is_error"] != true || !strings.Contains(resultText(r[0]), "t3") || r[2]["is_error"] != true || !strings.Contains(resultText(r[2]), "t1") {
		t.Fatalf("conflicting results %v / %v", r[0], r[2])
	}
}

func TestApproveSeesThePlanAndMayDeny(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("t1", "write", `{"path":"/etc/passwd","text":"x"}`), toolUse("t2", "write", `{"path":"/ok","text":"y"}`)),
		msg("end_turn", text("ok")),
	)
	f := &files{data: map[string]string{"/etc/passwd": "root"}}
	var seen []string
	var errs []string
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}, Middleware: []agent.Middleware{{
		Approve: func(ctx context.Context, call agent.Call, plan agent.Plan) error {
			seen = append(seen, plan.Summary)
			if strings.HasPrefix(plan.Summary, "/etc/") {
				return agent.Deny("system files are off limits")
			}
			return nil
		},
		OnError: func(ctx context.Context, call agent.Call, err error) { errs = append(errs, call.ID+": "+err.Error()) },
		After: func(ctx context.Context, call agent.Call, r *agent.ToolResult) {
			r.Text = strings.ReplaceAll(r.Text, "/ok", "[redacted]")
		},
	}}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("write")}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[0] != `/etc/passwd: "root" -> "x"` {
		t.Fatalf("approval saw %q, want the diff", seen)
	}
	r := api.toolResults(1)
	if r[0]["is_error"] != true || !strings.Contains(resultText(r[0]), "denied: system files are off limits") {
		t.Fatalf("denied result %v", r[0])
	}
	if resultText(r[1]) != "wrote [redacted]" || f.data["/etc/passwd"] != "root" {
		t.Fatalf("after middleware or apply: %v, %v", r[1], f.data)
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "t1: ") {
		t.Fatalf("OnError saw %v", errs)
	}
}

func TestBeforeRewritesInputAndVetoes(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("t1", "weather", `{"city":"oslo"}`), toolUse("t2", "weather", `{"city":"Mordor"}`)),
		msg("end_turn", text("ok")),
	)
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{weatherTool(t, &calls)}, Middleware: []agent.Middleware{{
		Before: func(ctx context.Context, call *agent.Call) error {
			if strings.Contains(string(call.Input), "Mordor") {
				return errors.New("one does not simply walk")
			}
			call.Input = json.RawMessage(strings.ReplaceAll(string(call.Input), "oslo", "Oslo"))
			return nil
		},
	}}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0].City != "Oslo" {
		t.Fatalf("calls %+v", calls)
	}
	if r := api.toolResults(1); !strings.Contains(resultText(r[1]), "denied: one does not simply walk") {
		t.Fatalf("veto %v", r[1])
	}
}

func TestConcurrentPlainToolsRunTogetherOthersOneAtATime(t *testing.T) {
	t.Parallel()
	c, _ := setup(t,
		msg("tool_use", toolUse("t1", "read", `{}`), toolUse("t2", "read", `{}`), toolUse("t3", "read", `{}`)),
		msg("end_turn", text("ok")),
	)
	var barrier sync.WaitGroup
	barrier.Add(3)
	read, _ := agent.NewTool("read", "", func(ctx context.Context, in struct{}) (string, error) {
		barrier.Done()
		barrier.Wait() // deadlocks unless the three run at once
		return "r", nil
	})
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{read.Concurrent()}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	if !read.Concurrent().IsConcurrent() || read.IsConcurrent() {
		t.Fatal("Concurrent must return a marked copy")
	}
}

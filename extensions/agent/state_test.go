package agent_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
)

func TestResumeNeverRepeatsAnApply(t *testing.T) {
	t.Parallel()
	turn := msg("tool_use", toolUse("t1", "write", `{"path":"/a","text":"1"}`), toolUse("t2", "write", `{"path":"/b","text":"2"}`))
	c, _ := setup(t, turn)
	f := &files{data: map[string]string{}}
	// The process "crashes" after the first apply: the checkpoint saved then
	// is all that survives.
	var saved []byte
	crash := agent.Middleware{Approve: func(ctx context.Context, call agent.Call, plan agent.Plan) error {
		if call.ID == "t2" {
			return agent.Stop(context.Canceled)
		}
		return nil
	}}
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}, Middleware: []agent.Middleware{crash},
		Checkpoint: func(st agent.State) error {
			if len(st.Pending) > 0 && len(st.Applied) == 1 {
				saved, _ = json.Marshal(st)
			}
			return nil
		}})
	_, _ = a.Run(context.Background(), []client.MessageParam{client.UserText("write")})
	if saved == nil || strings.Join(f.applied, ",") != "/a" {
		t.Fatalf("no mid-turn checkpoint (applied %v)", f.applied)
	}

	var st agent.State
	if err := json.Unmarshal(saved, &st); err != nil {
		t.Fatal(err)
	}
	c2, api := setup(t, msg("end_turn", text("both written")))
	b := newAgent(t, c2, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}})
	res, err := b.Resume(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.applied, ",") != "/a,/b" {
		t.Fatalf("applied %v, want /a once then /b", f.applied)
	}
	r := api.toolResults(0)
	if len(r) != 2 || resultText(r[0]) != "wrote /a" || resultText(r[1]) != "wrote /b" || res.Final.Text() != "both written" {
		t.Fatalf("resumed results %v", r)
	}
}

func TestStateIsVersioned(t *testing.T) {
	t.Parallel()
	var st agent.State
	if err := json.Unmarshal([]byte(`{"version":99,"messages":[]}`), &st); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Fatalf("err = %v", err)
	}
	res := &agent.Result{Messages: []client.MessageParam{client.UserText("hi")}, Turns: 3, Applied: map[string]agent.ToolResult{"t1": agent.TextResult("ok")}}
	raw, err := json.Marshal(res.State())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &st); err != nil || st.Turns != 3 || st.Applied["t1"].Text != "ok" || len(st.Messages) != 1 {
		t.Fatalf("round trip: %v %+v (%s)", err, st, raw)
	}
}

func TestApprovalPendingThenResume(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("tool_use",
		toolUse("t1", "write", `{"path":"/safe","text":"1"}`),
		toolUse("t2", "write", `{"path":"/etc/hosts","text":"2"}`),
		toolUse("t3", "write", `{"path":"/etc/passwd","text":"3"}`)))
	f := &files{data: map[string]string{}}
	hold := agent.Middleware{Approve: func(ctx context.Context, call agent.Call, plan agent.Plan) error {
		if strings.HasPrefix(plan.Summary, "/etc/") {
			return agent.Pending("system file")
		}
		return nil
	}}
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}, Middleware: []agent.Middleware{hold}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("write")})
	if !errors.Is(err, agent.ErrApprovalPending) {
		t.Fatalf("err = %v", err)
	}
	if strings.Join(f.applied, ",") != "/safe" || api.count() != 1 {
		t.Fatalf("applied %v, requests %d", f.applied, api.count())
	}
	// The history is clean: the held calls are answered as awaiting approval.
	r := lastResults(t, res.Messages)
	if len(r) != 3 || !strings.Contains(resultText(r[1]), "awaiting approval: system file") {
		t.Fatalf("clean history: %v", r)
	}
	// The saved state holds the decision to make.
	st := res.State()
	if len(st.Held) != 2 || st.Held[0].Call.ID != "t2" || st.Held[0].Summary != `/etc/hosts: "" -> "2"` || len(st.Pending) != 3 {
		t.Fatalf("state %+v", st)
	}
	raw, _ := json.Marshal(st)
	var saved agent.State
	if err := json.Unmarshal(raw, &saved); err != nil {
		t.Fatal(err)
	}
	saved.Approve("t2")
	saved.Deny("t3", "not today")

	c2, api2 := setup(t, msg("end_turn", text("ok")))
	b := newAgent(t, c2, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}, Middleware: []agent.Middleware{hold}})
	if _, err := b.Resume(context.Background(), saved); err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.applied, ",") != "/safe,/etc/hosts" {
		t.Fatalf("applied %v: t1 again or t3 despite the denial", f.applied)
	}
	r2, _ := api2.ToolResults(0)
	if len(r2) != 3 || resultText(r2[0]) != "wrote /safe" || resultText(r2[1]) != "wrote /etc/hosts" || !strings.Contains(resultText(r2[2]), "denied: not today") {
		t.Fatalf("resumed results %v", r2)
	}
}

func TestCheckpointFailureAppliesNothingMore(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("tool_use", toolUse("t1", "write", `{"path":"/a","text":"1"}`), toolUse("t2", "write", `{"path":"/b","text":"2"}`)))
	f := &files{data: map[string]string{}}
	errDisk := errors.New("disk full")
	saves := 0
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{f.tool(t, nil)}, Checkpoint: func(agent.State) error {
		saves++
		if saves == 2 { // the save after the first apply
			return errDisk
		}
		return nil
	}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("write")})
	if !errors.Is(err, errDisk) {
		t.Fatalf("err = %v", err)
	}
	if strings.Join(f.applied, ",") != "/a" || api.count() != 1 {
		t.Fatalf("applied %v after the checkpoint failed", f.applied)
	}
	if r := lastResults(t, res.Messages); len(r) != 2 || r[1]["is_error"] != true {
		t.Fatalf("history not clean: %v", r)
	}
}

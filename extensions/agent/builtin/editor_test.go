package builtin_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/agent/builtin"
	"github.com/claudego/claude/extensions/agent/vfs"
	"github.com/claudego/claude/extensions/internal/agenttest"
)

func invoke(t *testing.T, tool agent.Tool, input string) agent.ToolResult {
	t.Helper()
	r, err := tool.Invoke(context.Background(), json.RawMessage(input))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func editor(t *testing.T) (agent.Tool, *vfs.Mem) {
	t.Helper()
	m := vfs.NewMem(vfs.Limits{})
	tool, err := builtin.TextEditor(m, builtin.EditorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tool, m
}

func TestTextEditorCommands(t *testing.T) {
	t.Parallel()
	ed, m := editor(t)
	steps := []struct {
		input   string
		isError bool
		want    string
	}{
		{`{"command":"create","path":"/src/a.go","file_text":"package a\n\nfunc A() {}\nfunc B() {}"}`, false, "File created successfully at: /src/a.go"},
		{`{"command":"create","path":"/src/a.go","file_text":"x"}`, true, "File already exists at: /src/a.go. Cannot overwrite files using command `create`."},
		{`{"command":"view","path":"/src/a.go","view_range":[3,4]}`, false, "Here's the result of running `cat -n` on /src/a.go:\n     3\tfunc A() {}\n     4\tfunc B() {}\n"},
		{`{"command":"view","path":"/src/a.go","view_range":[3,-1]}`, false, "     4\tfunc B() {}\n"},
		{`{"command":"view","path":"/src/a.go","view_range":[9,10]}`, true, "Its first element `9` should be within the range of lines of the file: [1, 4]"},
		{`{"command":"view","path":"/src/a.go","view_range":[3,2]}`, true, "should be larger or equal than its first `3`"},
		{`{"command":"view","path":"/","view_range":[1,2]}`, true, "The `view_range` parameter is not allowed when `path` points to a directory."},
		{`{"command":"view","path":"/"}`, false, "up to 2 levels deep in /, excluding hidden items:\n/\n/src/\n/src/a.go\n"},
		{`{"command":"str_replace","path":"/src/a.go","old_str":"func","new_str":"fn"}`, true, "Multiple occurrences of old_str `func` in lines [3, 4]. Please ensure it is unique"},
		{`{"command":"str_replace","path":"/src/a.go","old_str":"func C","new_str":"x"}`, true, "No replacement was performed, old_str `func C` did not appear verbatim in /src/a.go."},
		{`{"command":"str_replace","path":"/src/a.go","old_str":"func B() {}","new_str":"func B() { A() }"}`, false, "The file /src/a.go has been edited."},
		{`{"command":"insert","path":"/src/a.go","insert_line":1,"insert_text":"// Package a."}`, false, "     2\t// Package a."},
		{`{"command":"insert","path":"/src/a.go","insert_line":99,"insert_text":"x"}`, true, "Invalid `insert_line` parameter: 99. It should be within the range of lines of the file: [0, 5]"},
		{`{"command":"str_replace","path":"/nope.go","old_str":"a","new_str":"b"}`, true, "The path /nope.go does not exist. Please provide a valid path."},
		{`{"command":"str_replace","path":"/src","old_str":"a","new_str":"b"}`, true, "The path /src is a directory and only the `view` command can be used on directories"},
		{`{"command":"create","path":"/x"}`, true, "Parameter `file_text` is required for command: create"},
		{`{"command":"undo_edit","path":"/x"}`, true, "Unrecognized command undo_edit. The allowed commands for the str_replace_based_edit_tool tool are: view, create, str_replace, insert"},
		{`{"command":"view","path":"/../etc/passwd"}`, true, `".." is not allowed`},
	}
	for i, s := range steps {
		r := invoke(t, ed, s.input)
		if r.IsError != s.isError || !strings.Contains(r.Text, s.want) {
			t.Fatalf("step %d %s:\n got (error %v) %q\nwant (error %v) %q", i, s.input, r.IsError, r.Text, s.isError, s.want)
		}
	}
	b, _ := m.ReadFile("/src/a.go")
	if string(b) != "package a\n// Package a.\n\nfunc A() {}\nfunc B() { A() }" {
		t.Fatalf("file is %q", b)
	}
}

func TestTextEditorOnReadOnlyFS(t *testing.T) {
	t.Parallel()
	m := vfs.NewMem(vfs.Limits{})
	_ = m.WriteFile("/a", []byte("x"))
	ed, _ := builtin.TextEditor(vfs.ReadOnly(m), builtin.EditorOptions{})
	if r := invoke(t, ed, `{"command":"str_replace","path":"/a","old_str":"x","new_str":"y"}`); !r.IsError || !strings.Contains(r.Text, "Permission denied") {
		t.Fatalf("%+v", r)
	}
}

// TestEditorInTheLoop: two edits of one file in one turn conflict (neither
// applied, both told why); the approval middleware sees the diff; the
// model's fixed edit goes through.
func TestEditorInTheLoop(t *testing.T) {
	t.Parallel()
	c, api := agenttest.Setup(t,
		agenttest.Msg("tool_use",
			agenttest.ToolUse("t1", "str_replace_based_edit_tool", `{"command":"str_replace","path":"/a.txt","old_str":"one","new_str":"1"}`),
			agenttest.ToolUse("t2", "str_replace_based_edit_tool", `{"command":"str_replace","path":"/a.txt","old_str":"two","new_str":"2"}`),
			agenttest.ToolUse("t3", "str_replace_based_edit_tool", `{"command":"view","path":"/a.txt"}`)),
		agenttest.Msg("tool_use",
			agenttest.ToolUse("t4", "str_replace_based_edit_tool", `{"command":"str_replace","path":"/a.txt","old_str":"one two","new_str":"1 2"}`)),
		agenttest.Msg("end_turn", agenttest.Text("done")),
	)
	m := vfs.NewMem(vfs.Limits{})
	_ = m.WriteFile("/a.txt", []byte("one two"))
	ed, _ := builtin.TextEditor(m, builtin.EditorOptions{})
	var plans []string
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 1024, Tools: []agent.Tool{ed},
		Middleware: []agent.Middleware{{Approve: func(ctx context.Context, call agent.Call, p agent.Plan) error {
			plans = append(plans, p.Summary)
			return nil
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("edit")}); err != nil {
		t.Fatal(err)
	}
	r, _ := api.ToolResults(1)
	if !r[0]["is_error"].(bool) || !strings.Contains(agenttest.ResultText(r[0]), "conflict") || !r[1]["is_error"].(bool) || r[2]["is_error"] == true {
		t.Fatalf("turn 1 results %v", r)
	}
	if b, _ := m.ReadFile("/a.txt"); string(b) != "1 2" {
		t.Fatalf("file %q", b)
	}
	if len(plans) != 1 || !strings.Contains(plans[0], "--- old\none two\n+++ new\n1 2") {
		t.Fatalf("approval saw %q", plans)
	}
}

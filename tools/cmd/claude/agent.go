package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/agent/builtin"
	"github.com/claudego/claude/extensions/agent/vfs"
	"github.com/claudego/claude/tools/emulator"
)

// agentSystem is the agent's default system prompt.
const agentSystem = "You are a coding agent working in a directory, seen as /. Use the text editor tool to read and change files, and the memory tool to keep notes across sessions under /memories."

// agentStdin is what the interactive agent reads; tests give it a prompt
// argument instead.
var agentStdin io.Reader = os.Stdin

// runAgent is `claude agent DIR ["task"]`: an agent with the text editor
// over DIR and the memory tool over DIR/.claude/memories (kept between
// sessions). With a task it runs it and exits; without, it chats, one line
// a turn, keeping the conversation. Tool calls are shown on stderr as they
// happen; the reply streams to stdout.
func runAgent(ctx context.Context, s *session, args []string) error {
	if len(args) == 0 {
		return usageErr("agent: give the directory to work in: claude agent DIR [\"task\"]")
	}
	dir := &args[0]
	root, err := vfs.NewDir(*dir, vfs.Limits{MaxFileSize: 10 << 20})
	if err != nil {
		return usageErr("agent: %v", err)
	}
	defer root.Close()
	memDir := filepath.Join(*dir, ".claude", "memories")
	if err := os.MkdirAll(memDir, 0o755); err != nil {
		return err
	}
	mem, err := vfs.NewDir(memDir, vfs.Limits{MaxTotalSize: 10 << 20})
	if err != nil {
		return err
	}
	defer mem.Close()
	editor, err := builtin.TextEditor(root, builtin.EditorOptions{})
	if err != nil {
		return err
	}
	memory, err := builtin.Memory(mem)
	if err != nil {
		return err
	}
	system := s.system
	if system == "" {
		system = agentSystem
	}
	cfg := agent.Config{Model: s.model, System: system, MaxTokens: s.maxTokens,
		Tools: []agent.Tool{editor, memory}, CacheConversation: true}
	if s.thinkingBudget > 0 {
		cfg.Thinking = client.ThinkingEnabled(s.thinkingBudget)
	}
	a, err := agent.New(s.c, cfg)
	if err != nil {
		return usageErr("%v", err)
	}
	var history []client.MessageParam
	task := strings.TrimSpace(strings.Join(args[1:], " "))
	if task != "" {
		_, err := s.agentTurn(ctx, a, append(history, client.UserText(task)))
		return err
	}
	in := bufio.NewScanner(agentStdin)
	for {
		fmt.Fprint(s.stderr, "> ")
		if !in.Scan() {
			fmt.Fprintln(s.stderr)
			return in.Err()
		}
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		if line == "exit" || line == "quit" {
			return nil
		}
		res, err := s.agentTurn(ctx, a, append(history, client.UserText(line)))
		if res != nil {
			history = res.Messages // clean at a turn boundary even after an error
		}
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			fmt.Fprintln(s.stderr, "claude: "+oneLine(err.Error()))
		}
	}
}

// agentTurn runs one task, streaming text to stdout and tool calls to
// stderr.
func (s *session) agentTurn(ctx context.Context, a *agent.Agent, msgs []client.MessageParam) (*agent.Result, error) {
	var res *agent.Result
	var runErr error
	midLine := false
	for ev, err := range a.Stream(ctx, msgs) {
		switch e := ev.(type) {
		case agent.TextDelta:
			fmt.Fprint(s.stdout, e.Text)
			midLine = !strings.HasSuffix(e.Text, "\n")
		case agent.ToolCallStart:
			if midLine {
				fmt.Fprintln(s.stdout)
				midLine = false
			}
		case agent.ToolCallResult:
			mark := "ok"
			if e.Result.IsError {
				mark = "error"
			}
			fmt.Fprintf(s.stderr, "[%s %s] %s: %s\n", e.Call.Name, summarize(e.Call.Input), mark, firstLine(e.Result.Text))
		case agent.Done:
			res, runErr = e.Result, err
		}
	}
	if midLine {
		fmt.Fprintln(s.stdout)
	}
	return res, runErr
}

// summarize shows a tool input as command and path.
func summarize(input json.RawMessage) string {
	var in struct {
		Command string `json:"command"`
		Path    string `json:"path"`
		OldPath string `json:"old_path"`
	}
	if json.Unmarshal(input, &in) != nil {
		return string(input)
	}
	return strings.TrimSpace(in.Command + " " + in.Path + in.OldPath)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	return s
}

// agentDemo is the emulator's script for `claude agent --emulator`: look
// around (two tool calls in one turn), write a file, then report.
var agentDemo = emulator.Script(
	emulator.Reply{Text: "Let me look at the directory and my notes.", ToolCalls: []emulator.ToolCall{
		{Name: "str_replace_based_edit_tool", Input: json.RawMessage(`{"command":"view","path":"/"}`)},
		{Name: "memory", Input: json.RawMessage(`{"command":"view","path":"/memories"}`)},
	}},
	emulator.Reply{Text: "I'll leave a note for you.", ToolCalls: []emulator.ToolCall{
		{Name: "str_replace_based_edit_tool", Input: json.RawMessage(`{"command":"create","path":"/HELLO.md","file_text":"Written by claude agent on the emulator.\n"}`)},
	}},
	emulator.Reply{Text: "Done: I looked around and created /HELLO.md."},
)

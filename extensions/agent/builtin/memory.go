package builtin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/agent/vfs"
)

// MemoryRoot is the directory the memory tool's paths live under.
const MemoryRoot = "/memories"

// Memory returns the memory tool (memory_20250818) over fsys, which holds
// the memory directory itself: the model's /memories/notes.md is fsys's
// /notes.md. Commands: view, create, str_replace, insert, delete, rename;
// a path outside /memories is refused. Memories persist when fsys is on
// disk (vfs.NewDir).
func Memory(fsys vfs.FS) (agent.Tool, error) {
	if fsys == nil {
		return agent.Tool{}, fmt.Errorf("builtin: Memory: nil FS")
	}
	var u client.ToolUnion
	if err := u.FromMemoryTool20250818(client.MemoryTool20250818{Name: "memory", Type: "memory_20250818"}); err != nil {
		return agent.Tool{}, err
	}
	e := &editor{
		fsys:     fsys,
		toolName: "memory",
		commands: []string{"view", "create", "str_replace", "insert", "delete", "rename"},
		show: func(p string) string {
			if p == "/" {
				return MemoryRoot
			}
			return MemoryRoot + p
		},
	}
	return agent.NewDefinedTool(u, func(ctx context.Context, input json.RawMessage) (agent.Plan, error) {
		var in editInput
		if err := json.Unmarshal(input, &in); err != nil {
			return fail("Invalid input: %v", err), nil
		}
		switch in.Command {
		case "rename":
			op, err := memPath(in.OldPath)
			if err != nil {
				return fail("%v", err), nil
			}
			np, err := memPath(in.NewPath)
			if err != nil {
				return fail("%v", err), nil
			}
			return e.rename(op, np), nil
		case "delete":
			p, err := memPath(in.Path)
			if err != nil {
				return fail("%v", err), nil
			}
			return e.delete(p), nil
		}
		p, err := memPath(in.Path)
		if err != nil {
			return fail("%v", err), nil
		}
		return e.plan(in, p), nil
	})
}

// memPath maps a /memories path onto the FS, refusing any other.
func memPath(p string) (string, error) {
	clean, err := vfs.Clean(p)
	if err != nil || !strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("Error: invalid path %q: paths must start with %s", p, MemoryRoot)
	}
	rest, ok := strings.CutPrefix(clean, MemoryRoot)
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		return "", fmt.Errorf("Error: invalid path %q: paths must start with %s", p, MemoryRoot)
	}
	if rest == "" {
		rest = "/"
	}
	return rest, nil
}

func (e *editor) delete(p string) agent.Plan {
	shown := e.show(p)
	if p == "/" {
		return fail("Error: cannot delete the %s directory itself", MemoryRoot)
	}
	if _, err := e.fsys.Stat(p); err != nil {
		return fail("Error: The path %s does not exist", shown)
	}
	return agent.Plan{
		Summary: "delete " + shown,
		Writes:  []string{p},
		Apply: func(ctx context.Context) (agent.ToolResult, error) {
			if err := e.fsys.Remove(p); err != nil {
				return agent.ErrorResult(fsError(shown, err)), nil
			}
			return agent.TextResult("Successfully deleted " + shown), nil
		},
	}
}

func (e *editor) rename(op, np string) agent.Plan {
	os, ns := e.show(op), e.show(np)
	if _, err := e.fsys.Stat(op); err != nil {
		return fail("Error: The path %s does not exist", os)
	}
	if _, err := e.fsys.Stat(np); err == nil {
		return fail("Error: The destination %s already exists", ns)
	}
	return agent.Plan{
		Summary: "rename " + os + " -> " + ns,
		Writes:  []string{op, np},
		Apply: func(ctx context.Context) (agent.ToolResult, error) {
			if err := e.fsys.Rename(op, np); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return agent.ErrorResult("Error: The destination " + ns + " already exists"), nil
				}
				return agent.ErrorResult(fsError(os, err)), nil
			}
			return agent.TextResult("Successfully renamed " + os + " to " + ns), nil
		},
	}
}

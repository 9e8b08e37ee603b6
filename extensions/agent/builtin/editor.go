package builtin

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/agent/vfs"
)

// EditorOptions tune the text editor tool; the zero value works.
type EditorOptions struct {
	// MaxCharacters truncates file views (and is sent to the API as
	// max_characters); zero means no limit.
	MaxCharacters int
}

// TextEditor returns the text editor tool as the API defines it
// (text_editor_20250728, named str_replace_based_edit_tool) over fsys: view
// (files with line ranges, directories two levels deep), create,
// str_replace (the match must be unique) and insert. The model's paths are
// fsys paths ("/src/main.go").
func TextEditor(fsys vfs.FS, opts EditorOptions) (agent.Tool, error) {
	if fsys == nil {
		return agent.Tool{}, fmt.Errorf("builtin: TextEditor: nil FS")
	}
	def := client.TextEditor20250728{
		Name: client.TextEditor20250728NameStrReplaceBasedEditTool,
		Type: client.TextEditor20250728TypeValue,
	}
	if opts.MaxCharacters > 0 {
		n := int64(opts.MaxCharacters)
		def.MaxCharacters = &n
	}
	var u client.ToolUnion
	if err := u.FromTextEditor20250728(def); err != nil {
		return agent.Tool{}, err
	}
	e := &editor{
		fsys:     fsys,
		toolName: "str_replace_based_edit_tool",
		commands: []string{"view", "create", "str_replace", "insert"},
		show:     func(p string) string { return p },
		maxChars: opts.MaxCharacters,
	}
	return agent.NewDefinedTool(u, func(ctx context.Context, input json.RawMessage) (agent.Plan, error) {
		var in editInput
		if err := json.Unmarshal(input, &in); err != nil {
			return fail("Invalid input: %v", err), nil
		}
		if in.Path == "" {
			return fail("Parameter `path` is required for command: %s", in.Command), nil
		}
		p, err := vfs.Clean(in.Path)
		if err != nil {
			return fail("Invalid path %s: %v", in.Path, err), nil
		}
		return e.plan(in, p), nil
	})
}

package builtin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/agent/vfs"
)

// editInput is every command's input; which fields a command needs is
// checked by the command.
type editInput struct {
	Command    string  `json:"command"`
	Path       string  `json:"path"`
	ViewRange  []int   `json:"view_range"`
	FileText   *string `json:"file_text"`
	OldStr     *string `json:"old_str"`
	NewStr     *string `json:"new_str"`
	InsertLine *int    `json:"insert_line"`
	InsertText *string `json:"insert_text"`
	OldPath    string  `json:"old_path"`
	NewPath    string  `json:"new_path"`
}

// editor is the engine the text editor and memory tools share.
type editor struct {
	fsys vfs.FS
	// toolName and commands name the tool in "unrecognized command" errors.
	toolName string
	commands []string
	// show maps an FS path back to the path the model used.
	show func(string) string
	// maxChars truncates views (0: no limit).
	maxChars int
}

func fail(format string, args ...any) agent.Plan {
	return agent.Plan{Result: agent.ErrorResult(fmt.Sprintf(format, args...))}
}

func done(text string) agent.Plan { return agent.Plan{Result: agent.TextResult(text)} }

// write plans replacing p's content (old, as read at compute time) with
// next. Apply refuses if the file changed in between.
func (e *editor) write(p string, old []byte, existed bool, next []byte, summary, okText string) agent.Plan {
	return agent.Plan{
		Summary: summary,
		Writes:  []string{p},
		Apply: func(ctx context.Context) (agent.ToolResult, error) {
			cur, err := e.fsys.ReadFile(p)
			switch {
			case existed && (err != nil || !bytes.Equal(cur, old)):
				return agent.ErrorResult(fmt.Sprintf("The file %s changed since this edit was planned. View it again.", e.show(p))), nil
			case !existed && err == nil:
				return agent.ErrorResult(fmt.Sprintf("File already exists at: %s. Cannot overwrite files using command `create`.", e.show(p))), nil
			}
			if err := e.fsys.WriteFile(p, next); err != nil {
				return agent.ErrorResult(fsError(e.show(p), err)), nil
			}
			return agent.TextResult(okText), nil
		},
	}
}

func fsError(shown string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("The path %s does not exist. Please provide a valid path.", shown)
	case errors.Is(err, vfs.ErrReadOnly), errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("Permission denied: %s cannot be changed.", shown)
	case errors.Is(err, vfs.ErrTooLarge):
		return fmt.Sprintf("Cannot write %s: %v", shown, errors.Unwrap(err))
	}
	return fmt.Sprintf("Error on %s: %v", shown, err)
}

// plan dispatches one command. p is the FS path, shown the model's path.
func (e *editor) plan(in editInput, p string) agent.Plan {
	shown := e.show(p)
	switch in.Command {
	case "view":
		return e.view(in, p, shown)
	case "create":
		if in.FileText == nil {
			return fail("Parameter `file_text` is required for command: create")
		}
		if _, err := e.fsys.Stat(p); err == nil {
			return fail("File already exists at: %s. Cannot overwrite files using command `create`.", shown)
		}
		return e.write(p, nil, false, []byte(*in.FileText),
			fmt.Sprintf("create %s (%d bytes)\n%s", shown, len(*in.FileText), *in.FileText),
			"File created successfully at: "+shown)
	case "str_replace":
		return e.strReplace(in, p, shown)
	case "insert":
		return e.insert(in, p, shown)
	}
	return fail("Unrecognized command %s. The allowed commands for the %s tool are: %s", in.Command, e.toolName, strings.Join(e.commands, ", "))
}

// readFile reads a file for an edit, with the reference texts for a
// missing path or a directory.
func (e *editor) readFile(p, shown string) ([]byte, *agent.Plan) {
	info, err := e.fsys.Stat(p)
	if err != nil {
		pl := fail("%s", fsError(shown, err))
		return nil, &pl
	}
	if info.IsDir() {
		pl := fail("The path %s is a directory and only the `view` command can be used on directories", shown)
		return nil, &pl
	}
	b, err := e.fsys.ReadFile(p)
	if err != nil {
		pl := fail("%s", fsError(shown, err))
		return nil, &pl
	}
	return b, nil
}

func (e *editor) view(in editInput, p, shown string) agent.Plan {
	info, err := e.fsys.Stat(p)
	if err != nil {
		return fail("%s", fsError(shown, err))
	}
	if info.IsDir() {
		if in.ViewRange != nil {
			return fail("The `view_range` parameter is not allowed when `path` points to a directory.")
		}
		var b strings.Builder
		fmt.Fprintf(&b, "Here's the files and directories up to 2 levels deep in %s, excluding hidden items:\n", shown)
		e.list(&b, p, 0)
		return done(b.String())
	}
	data, err := e.fsys.ReadFile(p)
	if err != nil {
		return fail("%s", fsError(shown, err))
	}
	lines := strings.Split(string(data), "\n")
	start, end := 1, len(lines)
	if in.ViewRange != nil {
		if len(in.ViewRange) != 2 {
			return fail("Invalid `view_range`. It should be a list of two integers.")
		}
		start, end = in.ViewRange[0], in.ViewRange[1]
		n := len(lines)
		if start < 1 || start > n {
			return fail("Invalid `view_range`: %v. Its first element `%d` should be within the range of lines of the file: [1, %d]", in.ViewRange, start, n)
		}
		if end == -1 {
			end = n
		}
		if end > n {
			return fail("Invalid `view_range`: %v. Its second element `%d` should be smaller than the number of lines in the file: `%d`", in.ViewRange, end, n)
		}
		if end < start {
			return fail("Invalid `view_range`: %v. Its second element `%d` should be larger or equal than its first `%d`", in.ViewRange, end, start)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Here's the result of running `cat -n` on %s:\n", shown)
	for i := start; i <= end; i++ {
		fmt.Fprintf(&b, "%6d\t%s\n", i, lines[i-1])
	}
	out := b.String()
	if e.maxChars > 0 && len(out) > e.maxChars {
		out = out[:e.maxChars] + "\n<response clipped>"
	}
	return done(out)
}

// list writes the entries under p, two levels deep, hidden ones excluded.
func (e *editor) list(b *strings.Builder, p string, depth int) {
	if depth == 0 {
		fmt.Fprintf(b, "%s\n", e.show(p))
	}
	if depth == 2 {
		return
	}
	entries, err := e.fsys.ReadDir(p)
	if err != nil {
		return
	}
	for _, en := range entries {
		if strings.HasPrefix(en.Name(), ".") || en.Name() == "node_modules" {
			continue
		}
		q := path.Join(p, en.Name())
		if en.IsDir() {
			fmt.Fprintf(b, "%s/\n", e.show(q))
			e.list(b, q, depth+1)
			continue
		}
		fmt.Fprintf(b, "%s\n", e.show(q))
	}
}

func (e *editor) strReplace(in editInput, p, shown string) agent.Plan {
	if in.OldStr == nil {
		return fail("Parameter `old_str` is required for command: str_replace")
	}
	data, bad := e.readFile(p, shown)
	if bad != nil {
		return *bad
	}
	text, old := string(data), *in.OldStr
	newStr := ""
	if in.NewStr != nil {
		newStr = *in.NewStr
	}
	switch n := strings.Count(text, old); {
	case old == "" || n == 0:
		return fail("No replacement was performed, old_str `%s` did not appear verbatim in %s.", old, shown)
	case n > 1:
		var lines []string
		for i, l := range strings.Split(text, "\n") {
			if strings.Contains(l, strings.SplitN(old, "\n", 2)[0]) {
				lines = append(lines, fmt.Sprint(i+1))
			}
		}
		return fail("No replacement was performed. Multiple occurrences of old_str `%s` in lines %s. Please ensure it is unique", old, "["+strings.Join(lines, ", ")+"]")
	}
	next := strings.Replace(text, old, newStr, 1)
	return e.write(p, data, true, []byte(next),
		fmt.Sprintf("edit %s\n--- old\n%s\n+++ new\n%s", shown, old, newStr),
		"The file "+shown+" has been edited. "+snippet(next, strings.Index(text, old), newStr, shown))
}

func (e *editor) insert(in editInput, p, shown string) agent.Plan {
	if in.InsertLine == nil {
		return fail("Parameter `insert_line` is required for command: insert")
	}
	ins := in.InsertText
	if ins == nil {
		ins = in.NewStr // the memory tool and older editor versions name it new_str
	}
	if ins == nil {
		return fail("Parameter `insert_text` is required for command: insert")
	}
	data, bad := e.readFile(p, shown)
	if bad != nil {
		return *bad
	}
	lines := strings.Split(string(data), "\n")
	at := *in.InsertLine
	if at < 0 || at > len(lines) {
		return fail("Invalid `insert_line` parameter: %d. It should be within the range of lines of the file: [0, %d]", at, len(lines))
	}
	newLines := strings.Split(*ins, "\n")
	out := append(append(append([]string{}, lines[:at]...), newLines...), lines[at:]...)
	next := strings.Join(out, "\n")
	before := len(strings.Join(lines[:at], "\n"))
	if at > 0 {
		before++
	}
	return e.write(p, data, true, []byte(next),
		fmt.Sprintf("insert into %s after line %d\n+++\n%s", shown, at, *ins),
		"The file "+shown+" has been edited. "+snippet(next, before, *ins, shown))
}

// snippet shows the edited region with line numbers, four lines around.
func snippet(text string, offset int, inserted, shown string) string {
	if offset < 0 {
		offset = 0
	}
	first := strings.Count(text[:min(offset, len(text))], "\n")
	lines := strings.Split(text, "\n")
	from := max(0, first-4)
	to := min(len(lines), first+strings.Count(inserted, "\n")+5)
	var b strings.Builder
	fmt.Fprintf(&b, "Here's the result of running `cat -n` on a snippet of %s:\n", shown)
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "%6d\t%s\n", i+1, lines[i])
	}
	b.WriteString("Review the changes and make sure they are as expected. Edit the file again if necessary.")
	return b.String()
}

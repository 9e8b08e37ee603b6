package builtin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/claudego/claude/extensions/agent/builtin"
	"github.com/claudego/claude/extensions/agent/vfs"
)

func ExampleTextEditor() {
	fsys := vfs.NewMem(vfs.Limits{MaxFileSize: 1 << 20})
	ed, err := builtin.TextEditor(fsys, builtin.EditorOptions{})
	if err != nil {
		panic(err)
	}
	r, err := ed.Invoke(context.Background(), json.RawMessage(`{"command":"create","path":"/hello.txt","file_text":"hi"}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(ed.Name(), "-", r.Text)
	// Output: str_replace_based_edit_tool - File created successfully at: /hello.txt
}

func ExampleMemory() {
	dir, err := os.MkdirTemp("", "memories")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	d, err := vfs.NewDir(dir, vfs.Limits{MaxTotalSize: 10 << 20})
	if err != nil {
		panic(err)
	}
	defer d.Close()
	mem, err := builtin.Memory(d) // persistent: the files live in dir
	if err != nil {
		panic(err)
	}
	r, err := mem.Invoke(context.Background(), json.RawMessage(`{"command":"create","path":"/memories/user.md","file_text":"prefers Go"}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Text)
	// Output: File created successfully at: /memories/user.md
}

func ExampleBash() {
	dir, err := os.MkdirTemp("", "work")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	sh, err := builtin.Bash(builtin.BashConfig{Dir: dir, Shell: "sh"})
	if err != nil {
		panic(err)
	}
	// In a loop, give the agent approval middleware: Plan.Summary is the
	// command, read before it runs.
	r, err := sh.Invoke(context.Background(), json.RawMessage(`{"command":"echo hello"}`))
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text)
	// Output: hello
}

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
	r, _ := ed.Invoke(context.Background(), json.RawMessage(`{"command":"create","path":"/hello.txt","file_text":"hi"}`))
	fmt.Println(ed.Name(), "-", r.Text)
	// Output: str_replace_based_edit_tool - File created successfully at: /hello.txt
}

func ExampleMemory() {
	dir, _ := os.MkdirTemp("", "memories")
	defer os.RemoveAll(dir)
	d, _ := vfs.NewDir(dir, vfs.Limits{MaxTotalSize: 10 << 20})
	defer d.Close()
	mem, err := builtin.Memory(d) // persistent: the files live in dir
	if err != nil {
		panic(err)
	}
	r, _ := mem.Invoke(context.Background(), json.RawMessage(`{"command":"create","path":"/memories/user.md","file_text":"prefers Go"}`))
	fmt.Println(r.Text)
	// Output: File created successfully at: /memories/user.md
}

func ExampleBash() {
	dir, _ := os.MkdirTemp("", "work")
	defer os.RemoveAll(dir)
	sh, err := builtin.Bash(builtin.BashConfig{Dir: dir, Shell: "sh"})
	if err != nil {
		panic(err)
	}
	// In a loop, give the agent approval middleware: Plan.Summary is the
	// command, read before it runs.
	r, _ := sh.Invoke(context.Background(), json.RawMessage(`{"command":"echo hello"}`))
	fmt.Print(r.Text)
	// Output: hello
}

package builtin_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/extensions/agent/builtin"
	"github.com/claudego/claude/extensions/agent/vfs"
)

func TestMemoryCommandsPersistOnDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d, err := vfs.NewDir(dir, vfs.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	mem, err := builtin.Memory(d)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		input   string
		isError bool
		want    string
	}{
		{`{"command":"view","path":"/memories"}`, false, "/memories\n"},
		{`{"command":"create","path":"/memories/prefs.md","file_text":"likes: tea"}`, false, "File created successfully at: /memories/prefs.md"},
		{`{"command":"str_replace","path":"/memories/prefs.md","old_str":"tea","new_str":"coffee"}`, false, "has been edited"},
		{`{"command":"insert","path":"/memories/prefs.md","insert_line":0,"insert_text":"# prefs"}`, false, "has been edited"},
		{`{"command":"rename","old_path":"/memories/prefs.md","new_path":"/memories/user/prefs.md"}`, false, "Successfully renamed /memories/prefs.md to /memories/user/prefs.md"},
		{`{"command":"create","path":"/memories/tmp.md","file_text":"x"}`, false, "File created successfully"},
		{`{"command":"rename","old_path":"/memories/tmp.md","new_path":"/memories/user/prefs.md"}`, true, "Error: The destination /memories/user/prefs.md already exists"},
		{`{"command":"delete","path":"/memories/tmp.md"}`, false, "Successfully deleted /memories/tmp.md"},
		{`{"command":"delete","path":"/memories/tmp.md"}`, true, "Error: The path /memories/tmp.md does not exist"},
		{`{"command":"view","path":"/etc/passwd"}`, true, "paths must start with /memories"},
		{`{"command":"view","path":"/memoriesX/a"}`, true, "paths must start with /memories"},
		{`{"command":"view","path":"/memories/../etc"}`, true, "paths must start with /memories"},
		{`{"command":"view","path":"/memories/user/prefs.md"}`, false, "     1\t# prefs\n     2\tlikes: coffee\n"},
	}
	for i, s := range steps {
		r := invoke(t, mem, s.input)
		if r.IsError != s.isError || !strings.Contains(r.Text, s.want) {
			t.Fatalf("step %d %s:\n got (error %v) %q\nwant (error %v) %q", i, s.input, r.IsError, r.Text, s.isError, s.want)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "user", "prefs.md"))
	if err != nil || string(b) != "# prefs\nlikes: coffee" {
		t.Fatalf("on disk: %q %v", b, err)
	}
}

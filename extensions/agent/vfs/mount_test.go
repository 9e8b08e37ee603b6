package vfs_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/claudego/claude/extensions/agent/vfs"
)

func TestMountsLongestPrefixWins(t *testing.T) {
	t.Parallel()
	root, mem, deep := vfs.NewMem(vfs.Limits{}), vfs.NewMem(vfs.Limits{}), vfs.NewMem(vfs.Limits{})
	m := vfs.NewMounts()
	_ = m.Mount("/", root)
	_ = m.Mount("/memories", mem)
	_ = m.Mount("/memories/archive", vfs.ReadOnly(deep))
	_ = deep.WriteFile("/old.md", []byte("old"))
	if err := m.WriteFile("/memories/notes.md", []byte("n")); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile("/top.md", []byte("t")); err != nil {
		t.Fatal(err)
	}
	if b, err := mem.ReadFile("/notes.md"); err != nil || string(b) != "n" {
		t.Fatalf("write did not reach the /memories mount: %v", err)
	}
	if b, err := m.ReadFile("/memories/archive/old.md"); err != nil || string(b) != "old" {
		t.Fatalf("longest prefix: %q %v", b, err)
	}
	if err := m.WriteFile("/memories/archive/new.md", nil); !errors.Is(err, vfs.ErrReadOnly) {
		t.Fatalf("read-only mount written: %v", err)
	}
	if got := names(t, m, "/"); got != "memories/ top.md" {
		t.Fatalf("root lists %q", got)
	}
	if got := names(t, m, "/memories"); got != "archive/ notes.md" {
		t.Fatalf("/memories lists %q", got)
	}
	if err := m.Rename("/top.md", "/memories/top.md"); !errors.Is(err, vfs.ErrCrossMount) {
		t.Fatalf("cross-mount rename: %v", err)
	}
	if _, err := m.ReadFile("/memoriesX/notes.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("prefix matched a longer name: %v", err)
	}
	if info, err := m.Stat("/memories/archive"); err != nil || !info.IsDir() {
		t.Fatalf("stat mount point: %v %v", info, err)
	}
}

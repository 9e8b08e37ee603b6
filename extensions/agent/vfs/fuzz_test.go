package vfs_test

import (
	"path"
	"strings"
	"testing"

	"github.com/claudego/claude/extensions/agent/vfs"
)

// FuzzClean: every name Clean accepts is rooted, clean and free of ".."
// and NUL, so no accepted name can leave the tree; and a mount table never
// routes it outside its mount's prefix.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"/a/b", "a", "..", "/a/../b", "a//b/./c", "/memories/x", "\x00", "", "/..a/b..", "./.", "/memories/../etc"} {
		f.Add(s)
	}
	m := vfs.NewMounts()
	mem := vfs.NewMem(vfs.Limits{MaxTotalSize: 1 << 20})
	_ = m.Mount("/memories", mem)
	f.Fuzz(func(t *testing.T, name string) {
		p, err := vfs.Clean(name)
		if err != nil {
			return
		}
		if !strings.HasPrefix(p, "/") || path.Clean(p) != p || strings.Contains(p, "\x00") {
			t.Fatalf("Clean(%q) = %q", name, p)
		}
		for _, el := range strings.Split(p, "/") {
			if el == ".." {
				t.Fatalf("Clean(%q) = %q keeps ..", name, p)
			}
		}
		if err := m.WriteFile(name, []byte("x")); err == nil && p != "/memories" && !strings.HasPrefix(p, "/memories/") {
			t.Fatalf("%q (%q) was written though only /memories is mounted", name, p)
		}
	})
}

package vfs_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/extensions/agent/vfs"
)

// implementations returns a fresh FS of every kind, each bounded by limits.
func implementations(t *testing.T, limits vfs.Limits) map[string]vfs.FS {
	t.Helper()
	d, err := vfs.NewDir(t.TempDir(), limits)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	m := vfs.NewMounts()
	if err := m.Mount("/", vfs.NewMem(limits)); err != nil {
		t.Fatal(err)
	}
	return map[string]vfs.FS{"mem": vfs.NewMem(limits), "dir": d, "mounts": m}
}

func names(t *testing.T, fsys vfs.FS, dir string) string {
	t.Helper()
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		out = append(out, n)
	}
	return strings.Join(out, " ")
}

// TestConformance runs the same operations against every FS.
func TestConformance(t *testing.T) {
	t.Parallel()
	for name, fsys := range implementations(t, vfs.Limits{}) {
		t.Run(name, func(t *testing.T) {
			if err := fsys.WriteFile("/a/b/c.txt", []byte("hello")); err != nil {
				t.Fatal(err)
			}
			if err := fsys.WriteFile("z.txt", []byte("z")); err != nil { // relative means from the root
				t.Fatal(err)
			}
			if b, err := fsys.ReadFile("/a/b/c.txt"); err != nil || string(b) != "hello" {
				t.Fatalf("read %q %v", b, err)
			}
			if got := names(t, fsys, "/"); got != "a/ z.txt" {
				t.Fatalf("root lists %q", got)
			}
			info, err := fsys.Stat("/a/b/c.txt")
			if err != nil || info.Size() != 5 || info.IsDir() || info.Name() != "c.txt" {
				t.Fatalf("stat %v %v", info, err)
			}
			if _, err := fsys.ReadFile("/nope"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "/nope") {
				t.Fatalf("missing file: %v", err)
			}
			if err := fsys.Rename("/a/b/c.txt", "/d/e.txt"); err != nil {
				t.Fatal(err)
			}
			if err := fsys.Rename("/z.txt", "/d/e.txt"); !errors.Is(err, fs.ErrExist) {
				t.Fatalf("rename onto a file: %v", err)
			}
			if err := fsys.Rename("/a", "/a/b/inside"); err == nil {
				t.Fatal("moved a directory into itself")
			}
			if _, err := fsys.Stat("/a/b/c.txt"); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("old name after rename: %v", err)
			}
			if err := fsys.Mkdir("/m/n"); err != nil {
				t.Fatal(err)
			}
			if err := fsys.Remove("/d"); err != nil {
				t.Fatal(err)
			}
			if got := names(t, fsys, "/"); got != "a/ m/ z.txt" {
				t.Fatalf("after remove %q", got)
			}
			if err := fsys.Remove("/"); err == nil {
				t.Fatal("removed the root")
			}
			if _, err := fsys.ReadFile("/a"); err == nil {
				t.Fatal("read a directory as a file")
			}
			for _, bad := range []string{"../etc/passwd", "/a/../../x", "", "a\x00b"} {
				if _, err := fsys.ReadFile(bad); err == nil {
					t.Fatalf("%q accepted", bad)
				}
				if err := fsys.WriteFile(bad, nil); err == nil {
					t.Fatalf("write %q accepted", bad)
				}
			}
		})
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	for name, fsys := range implementations(t, vfs.Limits{MaxFileSize: 10, MaxTotalSize: 15}) {
		t.Run(name, func(t *testing.T) {
			if err := fsys.WriteFile("/big", make([]byte, 11)); !errors.Is(err, vfs.ErrTooLarge) || !strings.Contains(err.Error(), "limit is 10") {
				t.Fatalf("file limit: %v", err)
			}
			if err := fsys.WriteFile("/a", make([]byte, 10)); err != nil {
				t.Fatal(err)
			}
			if err := fsys.WriteFile("/b", make([]byte, 6)); !errors.Is(err, vfs.ErrTooLarge) {
				t.Fatalf("total limit: %v", err)
			}
			if err := fsys.WriteFile("/a", make([]byte, 9)); err != nil { // replacing counts the new size only
				t.Fatal(err)
			}
			if err := fsys.WriteFile("/b", make([]byte, 6)); err != nil {
				t.Fatal(err)
			}
			if err := fsys.Remove("/a"); err != nil {
				t.Fatal(err)
			}
			if err := fsys.WriteFile("/c", make([]byte, 9)); err != nil {
				t.Fatalf("space freed by remove not reused: %v", err)
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	for name, fsys := range implementations(t, vfs.Limits{MaxTotalSize: 1000}) {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Go(func() {
					for j := range 10 {
						p := fmt.Sprintf("/d%d/f%d", i%2, j)
						_ = fsys.WriteFile(p, make([]byte, 10))
						_, _ = fsys.ReadFile(p)
						_, _ = fsys.ReadDir(fmt.Sprintf("/d%d", i%2))
					}
				})
			}
			wg.Wait()
			// 20 distinct files of 10 bytes: the count must say 200, so
			// exactly 80 more bytes fit.
			if err := fsys.WriteFile("/fill", make([]byte, 800)); err != nil {
				t.Fatalf("total count drifted: %v", err)
			}
			if err := fsys.WriteFile("/more", make([]byte, 1)); !errors.Is(err, vfs.ErrTooLarge) {
				t.Fatalf("total count drifted: %v", err)
			}
		})
	}
}

package vfs_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

func TestDirCountsExistingFilesTowardsTheTotal(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "old"), make([]byte, 8), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := vfs.NewDir(root, vfs.Limits{MaxTotalSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.WriteFile("/new", make([]byte, 3)); !errors.Is(err, vfs.ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

// TestDirCannotEscape tries the ways out of a root: "..", and symbolic
// links (absolute, relative, to a directory) planted inside it.
func TestDirCannotEscape(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret")
	if err := os.WriteFile(secret, []byte("s3cret"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	rel, _ := filepath.Rel(root, secret)
	for link, target := range map[string]string{"abs": secret, "rel": rel, "dir": outside} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	d, err := vfs.NewDir(root, vfs.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, p := range []string{"/abs", "/rel", "/dir/secret", "../" + filepath.Base(outside) + "/secret"} {
		if b, err := d.ReadFile(p); err == nil {
			t.Fatalf("read %s through the root: %q", p, b)
		}
	}
	if err := d.WriteFile("/dir/planted", []byte("x")); err == nil {
		t.Fatal("wrote through a symlink to outside")
	}
	if err := d.Rename("/abs", "/x"); err != nil { // moving the link itself is fine
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(secret); string(b) != "s3cret" {
		t.Fatal("outside file changed")
	}
	if _, err := os.Stat(filepath.Join(outside, "planted")); err == nil {
		t.Fatal("file planted outside the root")
	}
}

func TestReadOnly(t *testing.T) {
	t.Parallel()
	m := vfs.NewMem(vfs.Limits{})
	_ = m.WriteFile("/f", []byte("x"))
	ro := vfs.ReadOnly(m)
	if b, err := ro.ReadFile("/f"); err != nil || string(b) != "x" {
		t.Fatal(err)
	}
	for _, err := range []error{ro.WriteFile("/f", nil), ro.Remove("/f"), ro.Rename("/f", "/g"), ro.Mkdir("/d")} {
		if !errors.Is(err, vfs.ErrReadOnly) || !errors.Is(err, fs.ErrPermission) {
			t.Fatalf("err = %v", err)
		}
	}
}

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

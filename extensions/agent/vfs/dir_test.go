package vfs_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claudego/claude/extensions/agent/vfs"
)

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

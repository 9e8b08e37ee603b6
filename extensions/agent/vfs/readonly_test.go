package vfs_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/claudego/claude/extensions/agent/vfs"
)

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

//go:build unix

package liveconfig_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/claudego/claude/extensions/liveconfig"
	"github.com/claudego/claude/internal/safefile"
)

// TestWatchRefusesNonRegularFiles: a FIFO at the configuration path (which
// blocked the first load forever) and a symlink to /dev/zero (read without
// end) are refused at once.
func TestWatchRefusesNonRegularFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, zero} {
		if _, err := liveconfig.Watch(context.Background(), liveconfig.Config{Path: p}); !errors.Is(err, safefile.ErrNotRegular) {
			t.Errorf("%s: err = %v, want ErrNotRegular", filepath.Base(p), err)
		}
	}
}

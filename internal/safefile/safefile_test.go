//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadFileRegular(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(p, 5)
	if err != nil || string(f.Data) != "hello" || !f.Info.Mode().IsRegular() {
		t.Fatalf("ReadFile = %q, %v", f.Data, err)
	}
	if _, err := ReadFile(p, 4); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), p) {
		t.Fatalf("over the cap: err = %v, want ErrTooLarge naming the path", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing"), 5); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: err = %v", err)
	}
}

// TestReadFileFIFO: a FIFO with no writer would block a plain open forever;
// the non-blocking open returns and fstat refuses it.
func TestReadFileFIFO(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p, 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("FIFO: err = %v, want ErrNotRegular", err)
	}
}

// TestReadFileDevice: a symlink to /dev/zero is refused, not read without end.
func TestReadFileDevice(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "zero")
	if err := os.Symlink("/dev/zero", p); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p, 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("/dev/zero: err = %v, want ErrNotRegular", err)
	}
	if _, err := ReadFile(t.TempDir(), 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("directory: err = %v, want ErrNotRegular", err)
	}
}

func TestOwnedBySelf(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if ok, why := OwnedBySelf(fi); !ok {
		t.Fatalf("own 0600 file refused: %s", why)
	}
	if err := os.Chmod(p, 0o666); err != nil {
		t.Fatal(err)
	}
	fi, _ = os.Stat(p)
	if ok, why := OwnedBySelf(fi); ok || !strings.Contains(why, "writable") {
		t.Fatalf("0666 file: ok=%v why=%q", ok, why)
	}
}

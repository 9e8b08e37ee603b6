//go:build unix

package batch_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
	"github.com/claudego/claude/internal/safefile"
)

// TestLoadStateRefusesHostileFiles: a FIFO (which blocked Run past its
// deadline), a symlink to /dev/zero (read without bound), an oversized file
// and out-of-range values are refused with an error naming the problem.
func TestLoadStateRefusesHostileFiles(t *testing.T) {
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
		if _, err := batch.LoadState(p); !errors.Is(err, safefile.ErrNotRegular) {
			t.Errorf("%s: err = %v, want ErrNotRegular", filepath.Base(p), err)
		}
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"version":1,"pad":"`+strings.Repeat("x", batch.MaxStateFileSize)+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := batch.LoadState(big); !errors.Is(err, safefile.ErrTooLarge) {
		t.Errorf("big: err = %v, want ErrTooLarge", err)
	}
	for want, body := range map[string]string{
		"consumed":                  `{"version":1,"consumed":-1}`,
		"requests":                  `{"version":1,"batches":[{"id":"b","requests":-5}]}`,
		"delivered":                 `{"version":1,"batches":[{"id":"b","requests":5,"delivered":6}]}`,
		"request_counts.succeeded":  `{"version":1,"batches":[{"id":"b","requests":5,"request_counts":{"succeeded":-9223372036854775808}}]}`,
		"request_counts.processing": `{"version":1,"batches":[{"id":"b","requests":5,"request_counts":{"processing":9223372036854775807}}]}`,
	} {
		p := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := batch.LoadState(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want one naming %s", body, err, want)
		}
	}
}

// TestRunWithFIFOStateFileReturns: Run with a FIFO as its state file fails
// at once instead of blocking in open.
func TestRunWithFIFOStateFileReturns(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "state.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, &batchtest.Server{})
	r, err := batch.New(c, batch.Config{StateFile: fifo})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a backstop, not an assertion
	defer cancel()
	for _, err = range r.Run(ctx, requests(3)) {
		if err != nil {
			break
		}
	}
	if !errors.Is(err, safefile.ErrNotRegular) {
		t.Fatalf("err = %v, want ErrNotRegular", err)
	}
}

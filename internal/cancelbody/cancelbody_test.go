package cancelbody_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/claudego/claude/internal/cancelbody"
)

// recorder is a body that notes, when it is closed, whether the context was
// already cancelled.
type recorder struct {
	io.Reader
	ctx             context.Context
	closes          int
	cancelledBefore bool
	err             error
}

func (r *recorder) Close() error {
	r.closes++
	r.cancelledBefore = r.ctx.Err() != nil
	return r.err
}

func TestCloseClosesThenCancels(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	want := errors.New("close failed")
	rec := &recorder{Reader: strings.NewReader("body"), ctx: ctx, err: want}
	b := cancelbody.Wrap(rec, cancel)
	got, err := io.ReadAll(b)
	if err != nil || string(got) != "body" {
		t.Fatalf("read %q, %v", got, err)
	}
	if ctx.Err() != nil {
		t.Fatal("the context was cancelled before Close")
	}
	if err := b.Close(); !errors.Is(err, want) {
		t.Fatalf("Close = %v, want the body's error", err)
	}
	if rec.closes != 1 || rec.cancelledBefore {
		t.Fatalf("closes %d, cancelled before close %v: want the body closed first", rec.closes, rec.cancelledBefore)
	}
	if ctx.Err() == nil {
		t.Fatal("Close did not cancel the context")
	}
	_ = b.Close()
	if rec.closes != 2 {
		t.Fatalf("a second Close closed the body %d times in all", rec.closes)
	}
}

func TestNilCancel(t *testing.T) {
	t.Parallel()
	rec := &recorder{Reader: strings.NewReader(""), ctx: context.Background()}
	if err := cancelbody.Wrap(rec, nil).Close(); err != nil || rec.closes != 1 {
		t.Fatalf("Close = %v after %d closes", err, rec.closes)
	}
}

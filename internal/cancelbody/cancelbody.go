package cancelbody

import (
	"context"
	"io"
)

// Body is a response body whose Close also releases a context.
type Body struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Wrap returns rc with a Close that closes rc, then calls cancel (a nil
// cancel is allowed and does nothing). Close may be called more than once
// and from any goroutine: rc is closed each time (net/http bodies allow it)
// and cancel is idempotent.
func Wrap(rc io.ReadCloser, cancel context.CancelFunc) *Body {
	if cancel == nil {
		cancel = func() {}
	}
	return &Body{ReadCloser: rc, cancel: cancel}
}

// Close closes the body, then cancels, and returns the body's Close error.
func (b *Body) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

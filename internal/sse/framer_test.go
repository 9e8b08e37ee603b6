package sse

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// endless is a body that sends "data: " and then 'x' forever, counting what
// was read from it.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	if e.n == 0 && len(p) >= 6 {
		copy(p, "data: ")
	}
	e.n += len(p)
	return len(p), nil
}

// TestTooLargeStopsAtTheLimit: an oversized event ends the framing without
// reading on to measure it (it used to read up to 1 GiB of a hostile body).
func TestTooLargeStopsAtTheLimit(t *testing.T) {
	t.Parallel()
	const limit = 1 << 16
	src := &endless{}
	fr := NewFramer(src, limit)
	_, _, err := fr.Next()
	if !errors.Is(err, ErrEventTooLarge) || !strings.Contains(err.Error(), "an event of at least") {
		t.Fatalf("err = %v", err)
	}
	if src.n > 2*limit+initialBufSize {
		t.Fatalf("read %d bytes for a limit of %d", src.n, limit)
	}
	if _, _, err := fr.Next(); err != io.EOF || !fr.Ended() {
		t.Fatalf("after the error: %v", err)
	}
}

// TestPushFramer: bytes fed one at a time frame as a pull Framer does, and
// ErrMore keeps the state between feeds.
func TestPushFramer(t *testing.T) {
	t.Parallel()
	in := "event: a\r\ndata: 1\r\n\r\n: c\ndata: 2\ndata: 3\n\nevent: cut\ndata: 4"
	got, err := pushFrames([]byte(in), 1024)
	want := []frame{{"a", "1"}, {"", "2\n3"}}
	if err != nil || !equalFrames(got, want) {
		t.Fatalf("got %q %v", got, err)
	}
}

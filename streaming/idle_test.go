package streaming_test

import (
	"errors"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/streaming"
)

// TestBoundIdle: a Read that waits past the bound fails with ErrIdleTimeout
// and closes the body; time between Reads does not count.
func TestBoundIdle(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		pr, pw := io.Pipe()
		b := streaming.BoundIdle(pr, time.Second)
		defer b.Close()
		go func() {
			_, _ = pw.Write([]byte("a"))
			time.Sleep(900 * time.Millisecond)
			_, _ = pw.Write([]byte("b"))
		}()
		buf := make([]byte, 1)
		start := time.Now()
		for _, want := range "ab" {
			if n, err := b.Read(buf); n != 1 || err != nil || rune(buf[0]) != want {
				t.Fatalf("read %q %v", buf[:n], err)
			}
			time.Sleep(5 * time.Second) // a slow consumer: not idle time
		}
		if _, err := b.Read(buf); !errors.Is(err, streaming.ErrIdleTimeout) {
			t.Fatalf("err %v", err)
		}
		if got := time.Since(start); got != 10*time.Second+time.Second { // two slow reads, then one idle period
			t.Fatalf("timed out after %v", got)
		}
		if _, err := pw.Write([]byte("c")); err == nil {
			t.Fatal("the body was not closed")
		}
	})
}

package sse

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// frameAll returns "event|data" for every event of src.
func frameAll(t *testing.T, f *Framer) []string {
	t.Helper()
	var out []string
	for {
		ev, data, err := f.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(ev)+"|"+string(data))
	}
}

// TestReleaseReuse: a released Framer reads nothing more, and the next
// Framer, on the same buffers, frames its own input with nothing left over
// from the one before (a shorter stream after a longer one, an event name
// and data past the buffers' first room).
func TestReleaseReuse(t *testing.T) {
	long := "event: content_block_delta\ndata: " + strings.Repeat("a", 3000) + "\n\n" +
		"event: " + strings.Repeat("e", 40) + "\ndata: " + strings.Repeat("b", 5000) + "\n\n"
	f := NewFramer(strings.NewReader(long), 0)
	if got := frameAll(t, f); len(got) != 2 || got[0] != "content_block_delta|"+strings.Repeat("a", 3000) ||
		got[1] != strings.Repeat("e", 40)+"|"+strings.Repeat("b", 5000) {
		t.Fatalf("first framer: %.60q", got)
	}
	f.Release()
	if _, _, err := f.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("Next after Release: %v, want io.EOF", err)
	}
	for range 3 { // the pool may hand back any block: take a few
		g := NewFramer(strings.NewReader("event: ping\ndata: {}\n\ndata: x\n"), 0)
		if got := frameAll(t, g); len(got) != 1 || got[0] != "ping|{}" {
			t.Fatalf("framer after a release: %q, want [ping|{}] (the cut last event dropped)", got)
		}
		g.Release()
	}
}

package sse

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// recordedBodies returns the recorded SSE bodies, the fuzz seeds.
func recordedBodies(f *testing.F) [][]byte {
	files, _ := filepath.Glob("../../testdata/recorded/stream-*/body.sse")
	if len(files) == 0 {
		f.Fatal("no recorded streams")
	}
	var out [][]byte
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

type frame struct{ event, data string }

func readFrames(r io.Reader, max int) ([]frame, error) {
	fr := NewFramer(r, max)
	var out []frame
	for {
		ev, data, err := fr.Next()
		if err != nil {
			if err == io.EOF {
				return out, nil
			}
			return out, err
		}
		if len(data) > max {
			return out, errors.New("data over the limit")
		}
		out = append(out, frame{string(ev), string(data)})
	}
}

// FuzzFramer: any input frames without panic, and the same way whole, one
// byte per read and in halves.
func FuzzFramer(f *testing.F) {
	for _, b := range recordedBodies(f) {
		if len(b) > 8000 {
			b = b[:8000]
		}
		f.Add(b)
		f.Add(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
		f.Add(bytes.ReplaceAll(b, []byte("\n"), []byte("\r")))
	}
	f.Add([]byte("\ufeffdata: x\n\n"))
	f.Add([]byte(": c\r\nevent:a\rdata\n\ndata:  y\n\n\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		want, werr := readFrames(bytes.NewReader(in), 4096)
		got, gerr := readFrames(iotest.OneByteReader(bytes.NewReader(in)), 4096)
		if !equalFrames(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("one-byte reads differ: %q %v vs %q %v", got, gerr, want, werr)
		}
		half := io.MultiReader(bytes.NewReader(in[:len(in)/2]), bytes.NewReader(in[len(in)/2:]))
		got, gerr = readFrames(half, 4096)
		if !equalFrames(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("split reads differ: %q vs %q", got, want)
		}
		got, gerr = pushFrames(in, 4096)
		if !equalFrames(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("pushed bytes differ: %q %v vs %q %v", got, gerr, want, werr)
		}
		if werr != nil && !errors.Is(werr, ErrEventTooLarge) {
			t.Fatalf("unexpected error %v", werr)
		}
	})
}

func equalFrames(a, b []frame) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// pushFrames frames in as a body observer does: fed in chunks of 1 to 7
// bytes, draining the events after each.
func pushFrames(in []byte, max int) ([]frame, error) {
	fr := NewPushFramer(max)
	var out []frame
	for i, n := 0, 1; ; n = n%7 + 1 {
		chunk := in[i:min(i+n, len(in))]
		i += len(chunk)
		fr.Feed(chunk)
		if len(chunk) == 0 {
			fr.End(nil)
		}
		for {
			ev, data, err := fr.Next()
			if err == ErrMore {
				break
			}
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return out, err
			}
			out = append(out, frame{string(ev), string(data)})
		}
	}
}

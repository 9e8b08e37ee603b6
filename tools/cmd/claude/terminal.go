package main

import (
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// forTerminal returns w wrapped in a termWriter when w is a terminal (a
// character device), else w itself: piped or redirected output stays
// byte-exact. Server text (replies, error messages, batch fields) passes
// through these writers, so a reply holding escape sequences (an OSC 52
// clipboard write, a title change, cursor moves) cannot drive the user's
// terminal.
func forTerminal(w io.Writer) io.Writer {
	f, ok := w.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return w
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		return w
	}
	return &termWriter{w: w}
}

// termWriter drops control characters other than newline and tab: C0 (ESC
// among them, and CR, which can overwrite a line), DEL, the C1 range
// U+0080-U+009F (an 8-bit CSI is one of them), and bytes that are not UTF-8.
// A character split across writes is held until its last byte arrives.
type termWriter struct {
	w       io.Writer
	pending []byte
}

// Write writes p without its control characters and reports len(p) on
// success, as callers expect of a writer that consumed everything.
func (t *termWriter) Write(p []byte) (int, error) {
	buf := append(t.pending, p...)
	t.pending = nil
	out := make([]byte, 0, len(buf))
	for i := 0; i < len(buf); {
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(buf[i:]) {
			t.pending = append([]byte(nil), buf[i:]...) // the rest of this character comes later
			break
		}
		if r != utf8.RuneError && !isControl(r) || r == utf8.RuneError && size == 3 {
			out = append(out, buf[i:i+size]...)
		}
		i += size
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func isControl(r rune) bool {
	switch {
	case r == '\n', r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return false
}

// termSafe is the same filter for one string the CLI formats itself (a
// batch's status inside the progress line, which keeps its own \r).
func termSafe(s string) string {
	var b strings.Builder
	_, _ = (&termWriter{w: &b}).Write([]byte(s))
	return b.String()
}

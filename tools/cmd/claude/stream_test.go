package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/claudego/claude/tools/emulator"
)

// writes records each Write separately, to see text arrive in pieces.
type writes struct{ parts []string }

func (w *writes) Write(p []byte) (int, error) {
	w.parts = append(w.parts, string(p))
	return len(p), nil
}

func TestStreamsTextAsItArrives(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	var out writes
	var errb bytes.Buffer
	code := run([]string{"hello"}, &out, &errb, func(k string) string { return env[k] })
	if code != 0 {
		t.Fatalf("code %d stderr %q", code, errb.String())
	}
	if len(out.parts) < 4 {
		t.Fatalf("stdout came in %d writes, want one per delta: %q", len(out.parts), out.parts)
	}
	if got := strings.Join(out.parts, ""); !strings.HasPrefix(got, "Hello, and welcome to claude-go!") || !strings.HasSuffix(got, "\n") {
		t.Fatalf("stdout %q", got)
	}
}

func TestThinkingGoesToStderr(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "-thinking-budget", "1024", "-max-tokens", "2048", "hello")
	if r.code != 0 || !strings.Contains(r.stderr, "thinking: The user wrote") || strings.Contains(r.stdout, "thinking") {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestMidStreamErrorIsOneLine(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{Faults: []emulator.FaultRule{{Path: "/v1/messages", Fault: emulator.Fault{ErrorEvent: true, After: 5}}}})
	r := runCLI(env, "hello")
	if r.code != 1 {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "Hello") || !strings.HasSuffix(r.stdout, "\n") {
		t.Fatalf("partial stdout %q", r.stdout)
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "overloaded_error") {
		t.Fatalf("stderr %q", r.stderr)
	}
}

func TestTruncatedStreamIsAnError(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{Faults: []emulator.FaultRule{{Path: "/v1/messages", Fault: emulator.Fault{Truncate: true, After: 5}}}})
	r := runCLI(env, "hello")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

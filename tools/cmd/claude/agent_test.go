package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/tools/emulator"
)

func TestAgentRunsATaskOnADirectory(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{Responder: agentDemo})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(env, "agent", dir, "leave me a note")
	if r.code != 0 {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "HELLO.md"))
	if err != nil || !strings.Contains(string(b), "claude agent") {
		t.Fatalf("HELLO.md: %q %v", b, err)
	}
	// Both calls of the first turn are shown, in order, as they happen.
	for _, want := range []string{"[str_replace_based_edit_tool view /] ok: Here's the files", "[memory view /memories] ok:", "[str_replace_based_edit_tool create /HELLO.md] ok: File created successfully"} {
		if !strings.Contains(r.stderr, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "Done: I looked around and created /HELLO.md.") {
		t.Fatalf("stdout %q", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, ".claude", "memories")); err != nil {
		t.Fatalf("memory directory: %v", err)
	}
}

func TestAgentNeedsADirectory(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	if r := runCLI(env, "agent"); r.code != 2 || !strings.Contains(r.stderr, "DIR") {
		t.Fatalf("code %d stderr %q", r.code, r.stderr)
	}
	if r := runCLI(env, "agent", filepath.Join(t.TempDir(), "missing")); r.code != 2 {
		t.Fatalf("code %d stderr %q", r.code, r.stderr)
	}
}

func TestAgentWithEmulatorFlagPlaysTheDemo(t *testing.T) {
	noCredentials(t)
	old := emulatorPace
	emulatorPace = 0
	t.Cleanup(func() { emulatorPace = old })
	dir := t.TempDir()
	r := runCLI(nil, "--emulator", "agent", dir, "hello")
	if r.code != 0 || !strings.Contains(r.stdout, "created /HELLO.md") {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "HELLO.md")); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claudego/claude/tools/emulator"
)

// result is one in-process run of the CLI.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(env map[string]string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb, func(k string) string { return env[k] })
	return result{code, out.String(), errb.String()}
}

// setup starts an emulator and returns the environment that points the CLI
// at it with a test key.
func setup(t *testing.T, cfg emulator.Config) map[string]string {
	t.Helper()
	srv, err := emulator.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-cli", "ANTHROPIC_BASE_URL": srv.URL()}
}

// noCredentials makes the client's default chain find nothing: no key in
// the process environment, and a working directory with no secret file above
// it. Tests that call it cannot run in parallel.
func noCredentials(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	t.Setenv("ANTHROPIC_AUTH_TOKEN", "")
	t.Setenv("ANTHROPIC_ADMIN_KEY", "")
	t.Setenv("ANTHROPIC_BASE_URL", "")
	t.Chdir(t.TempDir())
}

func TestNoKeyNoEmulator(t *testing.T) {
	noCredentials(t)
	r := runCLI(nil, "hello")
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("code %d, stdout %q", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, "no API key") || !strings.Contains(r.stderr, "--emulator") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("stderr = %q, want one line naming the fix", r.stderr)
	}
}

func TestEmulatorFlagWithoutKey(t *testing.T) {
	noCredentials(t)
	old := emulatorPace
	emulatorPace = 0
	t.Cleanup(func() { emulatorPace = old })
	r := runCLI(nil, "--emulator", "Say hello to a new claude-go user in one sentence.")
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "Hello") || !strings.HasSuffix(r.stdout, "\n") {
		t.Fatalf("stdout = %q", r.stdout)
	}
	for _, want := range []string{"using the local emulator at http://127.0.0.1:", "input tokens", "output tokens", "request-id: req_emu_"} {
		if !strings.Contains(r.stderr, want) {
			t.Fatalf("stderr = %q, want %q", r.stderr, want)
		}
	}
}

func TestPromptWithKey(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "-system", "be brief", "-temperature", "0.2", "-max-tokens", "200", "echo", "this")
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `You said: "echo this"`) {
		t.Fatalf("stdout = %q", r.stdout)
	}
	if strings.Contains(r.stderr, "emulator at") || !strings.Contains(r.stderr, "request-id: req_emu_") {
		t.Fatalf("stderr = %q", r.stderr)
	}
}

func TestPromptJSON(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "-json", "-thinking-budget", "1024", "-max-tokens", "2048", "hello")
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	var msg struct {
		Type       string `json:"type"`
		StopReason string `json:"stop_reason"`
		Content    []struct {
			Type string `json:"type"`
		} `json:"content"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &msg); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if msg.Type != "message" || msg.StopReason != "end_turn" || len(msg.Content) != 2 || msg.Content[0].Type != "thinking" || msg.Content[1].Type != "text" {
		t.Fatalf("message = %s", r.stdout)
	}
	if !strings.Contains(r.stderr, "usage:") {
		t.Fatalf("stderr = %q", r.stderr)
	}
}

func TestModels(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "models")
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(emulator.DefaultModels())+1 || !strings.HasPrefix(lines[0], "ID") || !strings.HasPrefix(lines[1], emulator.DefaultModels()[0].ID) {
		t.Fatalf("stdout = %q", r.stdout)
	}

	r = runCLI(env, "models", "-json")
	var list []struct {
		ID string `json:"id"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &list) != nil || len(list) != len(emulator.DefaultModels()) {
		t.Fatalf("models -json: code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "count", strings.Repeat("abcd", 25))
	if r.code != 0 || strings.TrimSpace(r.stdout) != "28" { // 100 chars / 4 + 3 framing
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(env, "-json", "count", "hi")
	if r.code != 0 || !strings.Contains(r.stdout, `"input_tokens": 4`) {
		t.Fatalf("count -json: code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestAPIErrorIsOneLine(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{Faults: []emulator.FaultRule{{Path: "/v1/messages", Fault: emulator.Fault{Status: 529}}}})
	r := runCLI(env, "hello")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "overloaded_error") || !strings.Contains(r.stderr, "req_emu_") {
		t.Fatalf("code %d stderr %q", r.code, r.stderr)
	}
}

func TestValidationErrorIsOneLine(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "-max-tokens", "100", "-thinking-budget", "5000", "hello")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "thinking") {
		t.Fatalf("code %d stderr %q", r.code, r.stderr)
	}
	r = runCLI(env, "-temperature", "3", "hello")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "temperature") {
		t.Fatalf("temperature: code %d stderr %q", r.code, r.stderr)
	}
	r = runCLI(env, "-temperature", "warm", "hello")
	if r.code != 2 {
		t.Fatalf("temperature not a number: code %d stderr %q", r.code, r.stderr)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	r := runCLI(nil, "-h")
	if r.code != 0 || !strings.Contains(r.stderr, "claude [flags] models") || !strings.Contains(r.stderr, "-thinking-budget") {
		t.Fatalf("code %d stderr %q", r.code, r.stderr)
	}
	r = runCLI(nil)
	if r.code != 2 || !strings.Contains(r.stderr, "no prompt given") {
		t.Fatalf("no args: code %d stderr %q", r.code, r.stderr)
	}
	r = runCLI(nil, "-bogus", "x")
	if r.code != 2 {
		t.Fatalf("bad flag: code %d stderr %q", r.code, r.stderr)
	}
}

// TestVerboseLogs: -v logs the call through slog to stderr (request and
// stream lines with the operation and outcome), never the key; -debug adds
// the attempt's headers with the key redacted.
func TestVerboseLogs(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	r := runCLI(env, "-v", "hello")
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{`msg="claude stream start" op=messages.stream`, `msg="claude stream end"`, "outcome=completed"} {
		if !strings.Contains(r.stderr, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "level=DEBUG") {
		t.Fatalf("-v logged DEBUG lines:\n%s", r.stderr)
	}
	d := runCLI(env, "-debug", "hello")
	if d.code != 0 || !strings.Contains(d.stderr, "level=DEBUG") || !strings.Contains(d.stderr, "header.X-Api-Key=[REDACTED]") {
		t.Fatalf("code %d, stderr:\n%s", d.code, d.stderr)
	}
	for _, out := range []string{r.stderr, d.stderr, r.stdout, d.stdout} {
		if strings.Contains(out, "sk-ant-test-cli") {
			t.Fatalf("the key was logged:\n%s", out)
		}
	}
	if q := runCLI(env, "hello"); strings.Contains(q.stderr, "claude stream start") {
		t.Fatalf("logged without -v:\n%s", q.stderr)
	}
}

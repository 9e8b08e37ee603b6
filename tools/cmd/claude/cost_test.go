package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func recordedFile(t *testing.T, name, file string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "testdata", "recorded", name, file)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCostCommand prices a saved reply and a batch results file without an
// API key, and fails, naming it, on a model the table does not know.
func TestCostCommand(t *testing.T) {
	t.Parallel()
	env := map[string]string{} // no key: cost works offline
	r := runCLI(env, "cost", recordedFile(t, "msg-prompt-cache-read", "body.json"))
	// claude-sonnet-4: 11 x $3 + 2055 cache reads x $0.30 + 100 x $15 per MTok.
	if r.code != 0 || !strings.Contains(r.stdout, "claude-sonnet-4-20250514") || !strings.Contains(r.stdout, "0.00214") || !strings.Contains(r.stderr, "prices of 20") {
		t.Fatalf("reply: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(env, "cost", recordedFile(t, "batch-results", "body.jsonl"))
	// claude-haiku-4-5 at the batch discount: (20 x $1 + 5 x $5) / 2 per MTok.
	if r.code != 0 || !strings.Contains(r.stdout, "0.000023") {
		t.Fatalf("batch: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	path := filepath.Join(t.TempDir(), "r.jsonl")
	body := `{"model":"claude-haiku-4-5","usage":{"input_tokens":1000,"output_tokens":100}}` + "\n" + `{"model":"claude-next-9","usage":{"input_tokens":1,"output_tokens":1}}` + "\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(env, "cost", path)
	if r.code != 1 || !strings.Contains(r.stderr, "not priced: claude-next-9 (1 replies)") || !strings.Contains(r.stdout, "0.001500") {
		t.Fatalf("unknown model: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// Two pretty-printed replies appended to one file (claude -json >> f,
	// twice) are two replies; a broken value is named by line and byte.
	reply, err := os.ReadFile(recordedFile(t, "msg-prompt-cache-read", "body.json"))
	if err != nil {
		t.Fatal(err)
	}
	pretty := filepath.Join(t.TempDir(), "appended.json")
	if err := os.WriteFile(pretty, []byte(string(reply)+"\n"+strings.ReplaceAll(string(reply), ",", ",\n  ")), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(env, "cost", pretty); r.code != 0 || !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "claude-sonnet-4-20250514 2 22 200 4110") || !strings.Contains(r.stdout, "0.004299") {
		t.Fatalf("appended replies: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	broken := filepath.Join(t.TempDir(), "broken.jsonl")
	if err := os.WriteFile(broken, []byte(strings.TrimSpace(string(reply))+"\n\n{\"model\": oops}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(env, "cost", broken); r.code != 1 || !strings.Contains(r.stderr, "line 3 (byte ") || !strings.Contains(r.stderr, "invalid character 'o'") {
		t.Fatalf("broken value: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(env, "cost", path, path); r.code != 2 {
		t.Fatalf("two files: %d %s", r.code, r.stderr)
	}
	// No file asks the organization's cost report, which needs a key.
	if r := runCLI(env, "cost"); r.code == 0 || !strings.Contains(r.stderr, "key") {
		t.Fatalf("no file, no key: %d %s", r.code, r.stderr)
	}
}

package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestUnknownModelHint: a 404 for the model is printed once, with the
// operation once and a hint to run `claude models` (it used to read
// "claude: claude: messages.stream: 404 ..." with no hint).
func TestUnknownModelHint(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_404")
		w.WriteHeader(404)
		fmt.Fprint(w, `{"type":"error","error":{"type":"not_found_error","message":"model: claude-nope-9"}}`)
	}))
	t.Cleanup(srv.Close)
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-cli", "ANTHROPIC_BASE_URL": srv.URL}
	r := runCLI(env, "-model", "claude-nope-9", "hello")
	if r.code != 1 {
		t.Fatalf("code %d", r.code)
	}
	want := "claude: messages.stream: 404 not_found_error: model: claude-nope-9 (request-id req_404)\n"
	if !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "claude:") != 1 {
		t.Errorf("stderr = %q, want it to start with %q, claude: once", r.stderr, want)
	}
	if !strings.Contains(r.stderr, "hint: ") || !strings.Contains(r.stderr, "`claude models`") {
		t.Errorf("stderr = %q, want a hint naming `claude models`", r.stderr)
	}
}

// TestBatchSubmitBadLineShowsTheLineShape: a JSON array in the file names the
// line and the expected shape of a line, not a Go type.
func TestBatchSubmitBadLineShowsTheLineShape(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request was sent: %s %s", r.Method, r.URL)
	}))
	t.Cleanup(srv.Close)
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-cli", "ANTHROPIC_BASE_URL": srv.URL}
	for name, content := range map[string]string{
		"array":      `[{"custom_id":"a","params":{}}]`,
		"wrong type": `{"custom_id":7,"params":{}}`,
		"not json":   `custom_id=a`,
	} {
		path := filepath.Join(t.TempDir(), "in.jsonl")
		if err := os.WriteFile(path, []byte(`{"custom_id":"ok","params":{"model":"m","max_tokens":1,"messages":[]}}`+"\n"+content+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := runCLI(env, "batch", "submit", path)
		if r.code == 0 {
			t.Fatalf("%s: accepted", name)
		}
		for _, bad := range []string{"Go value", "gen.", "claude: claude:"} {
			if strings.Contains(r.stderr, bad) {
				t.Errorf("%s: stderr %q says %q", name, r.stderr, bad)
			}
		}
		for _, want := range []string{"line 2", `{"custom_id": "request-1", "params": {"model"`} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr %q lacks %q", name, r.stderr, want)
			}
		}
	}
}

// TestEmulatorFlagWinsOverKey: --emulator means the emulator even with
// ANTHROPIC_API_KEY set (it used to be ignored, and the CLI dialled the
// configured API).
func TestEmulatorFlagWinsOverKey(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(500)
	}))
	t.Cleanup(srv.Close)
	old := emulatorPace
	emulatorPace = 0
	t.Cleanup(func() { emulatorPace = old })
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-real", "ANTHROPIC_BASE_URL": srv.URL}
	r := runCLI(env, "--emulator", "hello")
	if r.code != 0 || hits.Load() != 0 {
		t.Fatalf("code %d, %d requests to the configured API, stderr %q", r.code, hits.Load(), r.stderr)
	}
	if !strings.Contains(r.stderr, "using the local emulator at http://127.0.0.1:") {
		t.Fatalf("stderr = %q", r.stderr)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/tools/internal/spec"
)

var recordedDir = filepath.Join("..", "..", "..", "testdata", "recorded")

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestReplayRecordedAllValid(t *testing.T) {
	code, out, errOut := runCmd(t, "replay", "-json", recordedDir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s\n%s", code, errOut, out)
	}
	var rep report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Cases != 80 || rep.Valid != 80 || rep.Invalid != 0 || rep.Drift != 0 {
		t.Errorf("cases %d valid %d invalid %d drift %d, want 80/80/0/0", rep.Cases, rep.Valid, rep.Invalid, rep.Drift)
	}
}

func TestReplayTable(t *testing.T) {
	code, out, _ := runCmd(t, "replay", recordedDir)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "80 cases: 80 valid, 0 invalid, 0 drift") || !strings.Contains(out, "msg-text-basic") {
		t.Errorf("table output:\n%s", out)
	}
}

// copyCase copies one recorded case into a fresh directory with its own
// MANIFEST.json and lets edit change its files.
func copyCase(t *testing.T, name string, edit func(dir string)) string {
	t.Helper()
	m, err := spec.ReadManifest(recordedDir)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range m.Cases {
		if c.Name != name {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(filepath.Join(recordedDir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(recordedDir, name, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name, e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		edit(filepath.Join(dir, name))
		if err := writeJSON(filepath.Join(dir, "MANIFEST.json"), spec.Manifest{FormatVersion: 1, CaseCount: 1, Cases: []spec.ManifestCase{c}}); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Fatalf("no case %s", name)
	return ""
}

func replaceIn(t *testing.T, path, from, to string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(from)) {
		t.Fatalf("%s lacks %q", path, from)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReplayReportsBrokenCases(t *testing.T) {
	cases := []struct {
		name, caseName, file, from, to string
		verdict                        spec.Verdict
		where, ptr, rule               string
	}{
		{"unknown property", "msg-text-basic", "body.json", `"text":"2 + 2 = 4"`, `"text":"2 + 2 = 4","shiny":true`,
			spec.VerdictDrift, "response", "/content/0/shiny", spec.RuleUnknownProperty},
		{"unknown enum value", "msg-text-basic", "body.json", `"service_tier":"standard"`, `"service_tier":"platinum"`,
			spec.VerdictDrift, "response", "/usage/service_tier", spec.RuleUnknownEnum},
		{"missing required field", "models-retrieve", "body.json", `"display_name"`, `"display_title"`,
			spec.VerdictInvalid, "response", "/display_name", "required"},
		{"wrong type in SSE event", "stream-text", "body.sse", `"type":"content_block_delta","index":0`, `"type":"content_block_delta","index":true`,
			spec.VerdictInvalid, "", "/index", "type"},
		{"unknown request property", "msg-text-basic", "request.json", `"stream": false`, `"stream": false, "warp": 9`,
			spec.VerdictDrift, "request", "/warp", spec.RuleUnknownProperty},
		{"broken JSONL line", "batch-results", "body.jsonl", `"custom_id":"0"`, `"custom_id":0`,
			spec.VerdictInvalid, "line[0]", "/custom_id", "type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyCase(t, c.caseName, func(d string) { replaceIn(t, filepath.Join(d, c.file), c.from, c.to) })
			code, out, errOut := runCmd(t, "replay", "-json", dir)
			if code != exitFailed {
				t.Fatalf("exit %d, want %d; stderr %s", code, exitFailed, errOut)
			}
			var rep report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			r := rep.Results[0]
			if r.Verdict != c.verdict {
				t.Errorf("verdict %s, want %s: %v", r.Verdict, c.verdict, r.Findings)
			}
			found := false
			for _, f := range r.Findings {
				if f.Pointer == c.ptr && f.Rule == c.rule && (c.where == "" || f.Where == c.where) {
					found = true
				}
			}
			if !found {
				t.Errorf("no finding at %s rule %s: %v", c.ptr, c.rule, r.Findings)
			}
			// The table names the pointer too.
			_, table, _ := runCmd(t, "replay", dir)
			if !strings.Contains(table, c.ptr) {
				t.Errorf("table lacks %s:\n%s", c.ptr, table)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"bogus"}, {"replay"}, {"replay", "a", "b"}, {"replay", filepath.Join(t.TempDir(), "missing")}} {
		if code, _, _ := runCmd(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestLiveWithoutKeyFailsAtOnce(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	code, out, errOut := runCmd(t, "live", "-out", t.TempDir())
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if out != "" || !strings.Contains(errOut, "ANTHROPIC_API_KEY is not set") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
}

func TestLiveRejectsNonLoopbackBaseURL(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
	code, _, errOut := runCmd(t, "live", "-base-url", "http://example.com", "-out", t.TempDir())
	if code != exitUsage || !strings.Contains(errOut, "loopback") {
		t.Errorf("exit %d stderr %q", code, errOut)
	}
}

// fakeAPI serves recorded bodies for each tour step over loopback.
type fakeAPI struct {
	t    *testing.T
	mu   sync.Mutex
	seen []string
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const key = "sk-ant-test-not-a-real-key"
	if r.Header.Get("x-api-key") != key || r.Header.Get("anthropic-version") != apiVersion {
		http.Error(w, `{"type":"error","error":{"type":"authentication_error","message":"bad headers"}}`, http.StatusUnauthorized)
		return
	}
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	caseName := ""
	switch {
	case r.URL.Path == "/v1/messages/count_tokens":
		caseName = "count-tokens-basic"
	case r.URL.Path == "/v1/models":
		caseName = "models-list"
	case strings.HasPrefix(r.URL.Path, "/v1/models/"):
		caseName = "models-retrieve"
	case r.URL.Path == "/v1/messages" && strings.Contains(body["model"].(string), "no-such-model"):
		caseName = "error-404-model-not-found"
	case r.URL.Path == "/v1/messages" && body["stream"] == true:
		caseName = "stream-text"
	case r.URL.Path == "/v1/messages" && body["tools"] != nil:
		caseName = "msg-tool-use"
	case r.URL.Path == "/v1/messages":
		caseName = "msg-text-basic"
	}
	f.mu.Lock()
	f.seen = append(f.seen, r.Method+" "+r.URL.Path)
	f.mu.Unlock()
	if caseName == "" {
		http.NotFound(w, r)
		return
	}
	var rr spec.RecordedResponse
	data, err := os.ReadFile(filepath.Join(recordedDir, caseName, "response.json"))
	if err == nil {
		err = json.Unmarshal(data, &rr)
	}
	var payload []byte
	if err == nil {
		payload, err = os.ReadFile(filepath.Join(recordedDir, caseName, rr.BodyFile))
	}
	if err != nil {
		f.t.Error(err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for k, v := range rr.Headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rr.Status)
	_, _ = w.Write(payload)
}

func TestLiveTourAgainstLoopback(t *testing.T) {
	const key = "sk-ant-test-not-a-real-key"
	t.Setenv("ANTHROPIC_API_KEY", key)
	api := &fakeAPI{t: t}
	srv := httptest.NewServer(api)
	defer srv.Close()
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, "live", "-json", "-base-url", srv.URL, "-out", out)
	if code != exitOK {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Cases != 7 || rep.Valid != 7 {
		t.Errorf("cases %d valid %d, want 7/7: %+v", rep.Cases, rep.Valid, rep.Results)
	}
	if len(api.seen) != 7 {
		t.Errorf("server saw %d calls: %v", len(api.seen), api.seen)
	}
	// What the tour wrote replays the same way, and never holds the key.
	code, replayOut, _ := runCmd(t, "replay", out)
	if code != exitOK {
		t.Errorf("replay of live output: exit %d\n%s", code, replayOut)
	}
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && bytes.Contains(data, []byte(key)) {
			t.Errorf("%s contains the API key", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "live-stream-text", "body.sse")); err != nil {
		t.Errorf("stream case not written as body.sse: %v", err)
	}
}

func TestLiveTourReportsUnexpectedStatus(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`))
	}))
	defer srv.Close()
	code, out, _ := runCmd(t, "live", "-base-url", srv.URL, "-out", t.TempDir())
	if code != exitFailed || !strings.Contains(out, "expected status 200, got 503") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

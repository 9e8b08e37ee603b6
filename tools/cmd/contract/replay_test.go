package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	n := manifestCount(t)
	if rep.Cases != n || rep.Valid != n || rep.Invalid != 0 || rep.Drift != 0 {
		t.Errorf("cases %d valid %d invalid %d drift %d, want %d/%d/0/0", rep.Cases, rep.Valid, rep.Invalid, rep.Drift, n, n)
	}
}

// manifestCount is the number of cases MANIFEST.json lists, so adding a
// case does not mean editing this test (every listed case must replay).
func manifestCount(t *testing.T) int {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(recordedDir, "MANIFEST.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cases []json.RawMessage `json:"cases"`
	}
	if err := json.Unmarshal(raw, &m); err != nil || len(m.Cases) < 80 {
		t.Fatalf("MANIFEST.json: %d cases, %v", len(m.Cases), err)
	}
	return len(m.Cases)
}

func TestReplayTable(t *testing.T) {
	code, out, _ := runCmd(t, "replay", recordedDir)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	n := manifestCount(t)
	if !strings.Contains(out, fmt.Sprintf("%d cases: %d valid, 0 invalid, 0 drift", n, n)) || !strings.Contains(out, "msg-text-basic") {
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

package spec

import (
	"path/filepath"
	"testing"
)

func TestReplayRecorded(t *testing.T) {
	s := load(t)
	results, err := s.ReplayDir(filepath.Join("..", "..", "..", "testdata", "recorded"))
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 80 {
		t.Errorf("replayed %d cases, want 80", len(results))
	}
	for _, r := range results {
		if r.Verdict != VerdictValid {
			for _, f := range r.Findings {
				t.Errorf("%s: %s", r.Name, f)
			}
		}
	}
}

func load(t *testing.T) *Spec {
	t.Helper()
	s, err := Load(DefaultPath())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

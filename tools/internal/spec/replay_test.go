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
	// Every case MANIFEST.json lists (80 messages/batches/files/models
	// cases, then the Admin API examples) must replay.
	if len(results) < 85 {
		t.Errorf("replayed %d cases, want at least 85", len(results))
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

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
	// Every case MANIFEST.json lists must replay: the messages, batches,
	// files and models recordings, then the documented and SDK-derived
	// examples that give every operation a case (159 in all).
	if len(results) < 159 {
		t.Errorf("replayed %d cases, want at least 159", len(results))
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

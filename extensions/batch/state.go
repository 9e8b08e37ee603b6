package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/claudego/claude/client"
)

// stateVersion is written into every state file; a file of another version
// is refused rather than misread.
const stateVersion = 1

// State is what a Runner saves to resume after a crash or a stop: how many
// input requests went into submitted batches, and each batch's progress. The
// caller owns the file (Config.StateFile); it is JSON, rewritten atomically
// (temporary file in the same directory, then rename) after every submission,
// every finished batch, every Config.CheckpointEvery results and on stop.
type State struct {
	Version int `json:"version"`
	// Consumed counts the input requests already in submitted batches; a
	// resumed run skips that many from the start of its input.
	Consumed int64 `json:"consumed"`
	// Batches lists the submitted batches, in submission order.
	Batches []*BatchState `json:"batches"`
}

// BatchState is one submitted batch.
type BatchState struct {
	ID string `json:"id"`
	// Requests is how many requests the batch holds.
	Requests int `json:"requests"`
	// Delivered counts the results already handed to the caller; a resumed
	// run skips that many lines of the batch's results.
	Delivered int64 `json:"delivered"`
	// Done is set once every result of the batch was delivered.
	Done bool `json:"done"`
	// Counts are the request counts last seen for the batch.
	Counts client.MessageBatchRequestCounts `json:"request_counts"`
	// Status is the processing status last seen.
	Status client.MessageBatchProcessingStatus `json:"processing_status"`
}

// LoadState reads a state file. A missing file is an empty state, not an
// error.
func LoadState(path string) (*State, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &State{Version: stateVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("batch: reading state: %w", err)
	}
	var st State
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("batch: state file %s: %w", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("batch: state file %s has version %d, want %d", path, st.Version, stateVersion)
	}
	for i, b := range st.Batches {
		if b == nil || b.ID == "" {
			return nil, fmt.Errorf("batch: state file %s: batches[%d] has no id", path, i)
		}
	}
	return &st, nil
}

// Save writes the state to path atomically: a reader sees the old file or
// the new one, never a partial write.
func (s *State) Save(path string) error {
	raw, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+".tmp-*")
	if err != nil {
		return fmt.Errorf("batch: saving state: %w", err)
	}
	_, err = tmp.Write(append(raw, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("batch: saving state: %w", err)
	}
	return nil
}

// clone deep-copies the state for saving outside the lock.
func (s *State) clone() *State {
	cp := &State{Version: s.Version, Consumed: s.Consumed, Batches: make([]*BatchState, len(s.Batches))}
	for i, b := range s.Batches {
		bc := *b
		cp.Batches[i] = &bc
	}
	return cp
}

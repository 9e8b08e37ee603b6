package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/safefile"
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

// MaxStateFileSize caps a state file LoadState reads: 64 MiB, room for
// well over 100,000 batches.
const MaxStateFileSize = 64 << 20

// LoadState reads a state file. A missing file is an empty state, not an
// error. The file must be a regular file (a FIFO or a device such as
// /dev/zero is refused without blocking or reading), at most
// MaxStateFileSize, and its values in range: no negative count, no batch
// with more requests than the API allows or more delivered results than
// requests.
func LoadState(path string) (*State, error) {
	f, err := safefile.ReadFile(path, MaxStateFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return &State{Version: stateVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("batch: reading state: %w", err)
	}
	var st State
	if err := json.Unmarshal(f.Data, &st); err != nil {
		return nil, fmt.Errorf("batch: state file %s: %w", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("batch: state file %s has version %d, want %d", path, st.Version, stateVersion)
	}
	if err := st.validate(); err != nil {
		return nil, fmt.Errorf("batch: state file %s: %w", path, err)
	}
	return &st, nil
}

// validate checks every value is in range, so sums of counts cannot
// overflow and a resume cannot skip a negative number of lines.
func (s *State) validate() error {
	if s.Consumed < 0 {
		return fmt.Errorf("consumed is negative (%d)", s.Consumed)
	}
	const maxReq = client.MaxBatchRequests
	for i, b := range s.Batches {
		if b == nil || b.ID == "" {
			return fmt.Errorf("batches[%d] has no id", i)
		}
		if b.Requests < 0 || b.Requests > maxReq {
			return fmt.Errorf("batches[%d].requests %d outside 0..%d", i, b.Requests, maxReq)
		}
		if b.Delivered < 0 || b.Delivered > int64(b.Requests) {
			return fmt.Errorf("batches[%d].delivered %d outside 0..%d (its requests)", i, b.Delivered, b.Requests)
		}
		c := b.Counts
		for j, v := range []int64{c.Processing, c.Succeeded, c.Errored, c.Canceled, c.Expired} {
			if v < 0 || v > maxReq {
				name := [...]string{"processing", "succeeded", "errored", "canceled", "expired"}[j]
				return fmt.Errorf("batches[%d].request_counts.%s %d outside 0..%d", i, name, v, maxReq)
			}
		}
	}
	return nil
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

package batch

import (
	"errors"
	"fmt"
	"time"

	"github.com/claudego/claude/client"
)

// Config tunes a Runner. Its zero value works: the API's limits, four batches
// in flight, polling from 10 seconds up to 5 minutes, no state file.
type Config struct {
	// MaxRequests caps the requests of one batch; zero means
	// client.MaxBatchRequests (100,000). It can only be lowered.
	MaxRequests int
	// MaxBytes caps the encoded create body of one batch; zero means
	// client.MaxBatchBytes (256 MB). It can only be lowered.
	MaxBytes int
	// MaxInFlight caps the batches submitted whose results are not all
	// delivered yet; the next submission waits for a slot. Zero means 4.
	MaxInFlight int
	// SubmitInterval is the least time between two batch creations, to stay
	// under a rate limit; zero means none.
	SubmitInterval time.Duration
	// PollInterval is the first wait between two status polls of a batch;
	// each poll doubles it up to MaxPollInterval, and a longer retry-after
	// from the API wins, up to MaxPollInterval too. Zero means 10 seconds.
	PollInterval time.Duration
	// MaxPollInterval caps the poll backoff and any wait the API asks for
	// (retry-after, on polls and on retried calls); zero means 5 minutes.
	MaxPollInterval time.Duration
	// MaxAttempts caps consecutive failures of one call that a retry may cure
	// (429, 5xx, 529, a dropped connection) before the run fails; each retry
	// waits the backoff or the error's retry-after. Zero means 10.
	MaxAttempts int
	// StateFile, when set, is where the run's progress is saved (see State)
	// and where a new run resumes from. Empty means no resume.
	StateFile string
	// CheckpointEvery saves the state after that many delivered results, on
	// top of the saves at every submission, finished batch and stop; it
	// bounds what a hard crash re-delivers. Zero means 10,000.
	CheckpointEvery int
	// CancelOnStop, when the run's context is cancelled, cancels every
	// submitted batch that has not ended (the API then finishes it with
	// canceled results, which a resumed run delivers).
	CancelOnStop bool
	// OnProgress, when set, receives the run's counters after every
	// submission, status poll and finished batch, and every 1,000 results.
	// Calls never overlap; keep it quick (it holds up the goroutine that
	// made the change).
	OnProgress func(Progress)
	// MaxLineSize caps one results line; zero means client.DefaultMaxLineSize.
	MaxLineSize int
	// Options are added to every API call (a timeout, headers...).
	Options []client.Option
}

// Progress is a run's counters, summed over its batches (those of a resumed
// run included). The request counts are the API's as last polled.
type Progress struct {
	Batches      int // batches submitted
	BatchesEnded int // batches whose processing ended
	Submitted    int64
	Processing   int64
	Succeeded    int64
	Errored      int64
	Canceled     int64
	Expired      int64
	Delivered    int64 // results handed to the caller
}

// Runner runs any number of Messages requests through Message Batches. Make
// one with New; a Runner is safe to reuse for several runs, one at a time
// per state file.
type Runner struct {
	c   *client.Client
	cfg Config
}

// New returns a Runner over c. It fails fast on a negative setting or a limit
// above the API's.
func New(c *client.Client, cfg Config) (*Runner, error) {
	if c == nil {
		return nil, errors.New("batch: New: nil client")
	}
	switch {
	case cfg.MaxRequests < 0 || cfg.MaxRequests > client.MaxBatchRequests:
		return nil, fmt.Errorf("batch: New: MaxRequests %d outside 0..%d", cfg.MaxRequests, client.MaxBatchRequests)
	case cfg.MaxBytes < 0 || cfg.MaxBytes > client.MaxBatchBytes:
		return nil, fmt.Errorf("batch: New: MaxBytes %d outside 0..%d", cfg.MaxBytes, client.MaxBatchBytes)
	case cfg.MaxInFlight < 0, cfg.SubmitInterval < 0, cfg.PollInterval < 0, cfg.MaxPollInterval < 0,
		cfg.MaxAttempts < 0, cfg.CheckpointEvery < 0, cfg.MaxLineSize < 0:
		return nil, errors.New("batch: New: negative setting")
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&cfg.MaxRequests, client.MaxBatchRequests)
	def(&cfg.MaxBytes, client.MaxBatchBytes)
	def(&cfg.MaxInFlight, 4)
	def(&cfg.MaxAttempts, 10)
	def(&cfg.CheckpointEvery, 10_000)
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 10 * time.Second
	}
	if cfg.MaxPollInterval == 0 {
		cfg.MaxPollInterval = 5 * time.Minute
	}
	cfg.MaxPollInterval = max(cfg.MaxPollInterval, cfg.PollInterval)
	return &Runner{c: c, cfg: cfg}, nil
}

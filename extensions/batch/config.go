package batch

import (
	"errors"
	"fmt"
	"time"

	"github.com/claudego/claude/client"
)

// Config tunes a Runner. Its zero value works: the API's limits, four batches
// in flight, polling from 10 seconds up to 5 minutes, batch bodies over 8 MiB
// spooled to os.TempDir(), no state file.
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
	// MaxPollInterval caps the poll backoff and the retry-after a poll
	// answer asks for; zero means 5 minutes. (A failed call is retried by the
	// client's retry layer, under its own limits: see Runner.)
	MaxPollInterval time.Duration
	// SpoolDir is where the create body of a batch larger than SpoolAfter is
	// written while it is filled and sent: a temporary file
	// (claude-batch-*.json, mode 0600), removed once the batch is submitted
	// or the run stops; only a crash leaves one behind. Empty means
	// os.TempDir().
	SpoolDir string
	// SpoolAfter is how many bytes of a batch's create body are kept in
	// memory before the body moves to a file in SpoolDir; zero means 8 MiB.
	// Each request is encoded once and only its bytes are kept, so the
	// runner's memory stays flat whatever the batch and input sizes.
	SpoolAfter int
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
//
// The Runner has no retry loop of its own: every create, poll, results and
// cancel request is one call through the client's pipeline, so turn on
// extensions/retry (or extensions/preset) on the client to retry 429, 5xx,
// 529 and dropped connections. A call is then sent at most the retry
// layer's MaxRetries+1 times, never more; without the layer it is sent once,
// and a failure ends the run with its state saved, for a new run to resume.
// The one request the runner makes again on its own is a results download
// cut after it yielded new results: it continues from the next undelivered
// line, and only while each download yields at least one new result.
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
		cfg.SpoolAfter < 0, cfg.CheckpointEvery < 0, cfg.MaxLineSize < 0:
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
	def(&cfg.SpoolAfter, 8<<20)
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

package batch_test

import (
	"context"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
	"github.com/claudego/claude/extensions/retry"
)

// TestRunnerClampsServerWaits: a retry-after of a day on polls is waited at
// most MaxPollInterval; on a throttled create, the client's retry layer
// decides (a hint over its MaxRetryAfter falls back to its backoff), so no
// server stalls the run either way.
func TestRunnerClampsServerWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var throttled atomic.Int32
		var gaps stamps
		fake := &batchtest.Server{RetryAfter: 24 * time.Hour, PollsUntilEnded: 2}
		poll := gaps.record(http.MethodGet, "/v1/messages/batches/", func(*http.Request) string { return "poll" })
		fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method == http.MethodPost && throttled.Add(1) == 1 {
				w.Header().Set("retry-after", "86400")
				batchtest.WriteError(w, 429, "rate_limit_error", "slow down")
				return true
			}
			return poll(w, r)
		}
		r, err := batch.New(newClient(t, fake, retry.New(retry.Config{})), batch.Config{MaxPollInterval: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		n := 0
		for _, err := range r.Run(context.Background(), requests(5)) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		// Unclamped, the throttled create and each poll would wait a day.
		if elapsed := time.Since(start); n != 5 || elapsed > 10*time.Minute || elapsed < time.Minute {
			t.Fatalf("%d results after %v: want 5, the server's day-long waits clamped to a minute each", n, elapsed)
		}
	})
}

// TestProgressDeliveredCountsEarlierRuns: after a resume, Progress.Delivered
// sums every run's deliveries (6 of 6), not only this run's (2 of 6).
func TestProgressDeliveredCountsEarlierRuns(t *testing.T) {
	t.Parallel()
	c := newClient(t, &batchtest.Server{})
	cfg := batch.Config{MaxRequests: 3, StateFile: filepath.Join(t.TempDir(), "s.json")}
	r, _ := batch.New(c, cfg)
	k := 0
	for _, err := range r.Run(context.Background(), requests(6)) {
		if err != nil {
			t.Fatal(err)
		}
		if k++; k == 4 {
			break
		}
	}
	var last batch.Progress
	cfg.OnProgress = func(p batch.Progress) { last = p }
	r, _ = batch.New(c, cfg)
	for _, err := range r.Run(context.Background(), requests(6)) {
		if err != nil {
			t.Fatal(err)
		}
		k++
	}
	if k != 6 || last.Delivered != 6 {
		t.Fatalf("%d results in all, final progress %+v: want Delivered 6", k, last)
	}
}

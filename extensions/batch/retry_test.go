package batch_test

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
	"github.com/claudego/claude/extensions/retry"
)

// throttleCreates makes the first n batch creates answer 429 with a 7 s
// retry-after (n < 0: every create) and counts every create the server sees.
func throttleCreates(fake *batchtest.Server, n int32, creates *stamps) {
	note := creates.record(http.MethodPost, "/v1/messages/batches", func(*http.Request) string { return "create" })
	var seen atomic.Int32
	fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/messages/batches" {
			return false
		}
		note(w, r)
		if k := seen.Add(1); n < 0 || k <= n {
			w.Header().Set("retry-after", "7")
			batchtest.WriteError(w, http.StatusTooManyRequests, "rate_limit_error", "slow down")
			return true
		}
		return false
	}
}

func (s *stamps) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.at[key])
}

// TestRunnerRetriesAreTheClients counts the creates the server sees: the
// runner adds no attempts to the client's. Without a retry layer, or with
// one told NoRetries, a throttled create is sent once and ends the run (a
// resumed run submits it); with retry.New it is sent as the layer decides,
// waiting its retry-after; and a create throttled for good is sent
// MaxRetries+1 times. (Before, the runner's own loop sent it 10 times
// without a layer and under NoRetries.)
func TestRunnerRetriesAreTheClients(t *testing.T) {
	t.Parallel()
	t.Run("no retry layer", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var creates stamps
			fake := &batchtest.Server{}
			throttleCreates(fake, 1, &creates)
			c := newClient(t, fake)
			cfg := batch.Config{StateFile: filepath.Join(t.TempDir(), "s.json")}
			r, _ := batch.New(c, cfg)
			var got error
			for _, err := range r.Run(context.Background(), requests(20)) {
				got = err
			}
			if !errors.Is(got, client.ErrRateLimited) || creates.count("create") != 1 {
				t.Fatalf("err = %v after %d creates; want the 429 after exactly 1", got, creates.count("create"))
			}
			n := 0
			for _, err := range r.Run(context.Background(), requests(20)) { // resumes: nothing was submitted
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if n != 20 || creates.count("create") != 2 {
				t.Fatalf("resumed run: %d results after %d creates in all, want 20 after 2", n, creates.count("create"))
			}
		})
	})
	t.Run("retry layer", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var creates stamps
			fake := &batchtest.Server{}
			throttleCreates(fake, 2, &creates)
			c := newClient(t, fake)
			r, _ := batch.New(c, batch.Config{Options: []client.Option{retry.New(retry.Config{MaxRetries: 2})}})
			n := 0
			for _, err := range r.Run(context.Background(), requests(20)) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			gap, _ := creates.minGap()
			if n != 20 || creates.count("create") != 3 || gap < 7*time.Second {
				t.Fatalf("%d results; %d creates, %v apart: want 20 results after 3 creates at least the 7s retry-after apart", n, creates.count("create"), gap)
			}
		})
	})
	t.Run("retry layer told NoRetries", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var creates stamps
			fake := &batchtest.Server{}
			throttleCreates(fake, -1, &creates)
			r, _ := batch.New(newClient(t, fake, retry.New(retry.Config{MaxRetries: retry.NoRetries})), batch.Config{})
			var got error
			for _, err := range r.Run(context.Background(), requests(20)) {
				got = err
			}
			if !errors.Is(got, client.ErrRateLimited) || creates.count("create") != 1 {
				t.Fatalf("err = %v after %d creates; want the 429 after exactly 1", got, creates.count("create"))
			}
		})
	})
	t.Run("retry layer gives up", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var creates stamps
			fake := &batchtest.Server{}
			throttleCreates(fake, -1, &creates)
			r, _ := batch.New(newClient(t, fake, retry.New(retry.Config{MaxRetries: 2})), batch.Config{})
			var got error
			for _, err := range r.Run(context.Background(), requests(20)) {
				got = err
			}
			if !errors.Is(got, client.ErrRetriesExhausted) || !errors.Is(got, client.ErrRateLimited) || creates.count("create") != 3 {
				t.Fatalf("err = %v after %d creates; want retries exhausted after exactly 3", got, creates.count("create"))
			}
		})
	})
}

// cutAfter passes the fake's writes through until lines lines went out, then
// flushes and aborts the connection at that line boundary.
type cutAfter struct {
	http.ResponseWriter
	lines int
}

func (c *cutAfter) Write(p []byte) (int, error) {
	for i, b := range p {
		if b != '\n' {
			continue
		}
		if c.lines--; c.lines == 0 {
			_, _ = c.ResponseWriter.Write(p[:i+1])
			_ = http.NewResponseController(c.ResponseWriter).Flush()
			panic(http.ErrAbortHandler)
		}
	}
	return c.ResponseWriter.Write(p)
}

// TestRunnerResumesCutResults: a results download cut after 3 lines is asked
// again and continues from line 4 (every result once, 2 requests); a
// download cut before any new line is not asked again, so the runner makes
// no attempt of its own beyond the client's.
func TestRunnerResumesCutResults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		cutAt     func(request int32) int // lines before the cut; 0: none
		wantErr   bool
		wantCalls int32
	}{
		{"cut once", func(k int32) int { return map[int32]int{1: 3}[k] }, false, 2},
		{"cut at the same line again", func(int32) int { return 3 }, true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := &batchtest.Server{}
				var calls atomic.Int32
				cut := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasSuffix(r.URL.Path, "/results") {
						if n := tc.cutAt(calls.Add(1)); n > 0 {
							w = &cutAfter{ResponseWriter: w, lines: n}
						}
					}
					fake.ServeHTTP(w, r)
				})
				r, _ := batch.New(newClient(t, cut), batch.Config{})
				seen := map[string]int{}
				var got error
				for res, err := range r.Run(context.Background(), requests(10)) {
					if err != nil {
						got = err
						continue
					}
					seen[res.CustomID]++
				}
				if (got != nil) != tc.wantErr || calls.Load() != tc.wantCalls {
					t.Fatalf("err = %v after %d results requests; want error %v after %d", got, calls.Load(), tc.wantErr, tc.wantCalls)
				}
				want := 10
				if tc.wantErr {
					want = 3
				}
				if len(seen) != want {
					t.Fatalf("%d distinct results, want %d", len(seen), want)
				}
				for id, k := range seen {
					if k != 1 {
						t.Fatalf("%s delivered %d times", id, k)
					}
				}
			})
		})
	}
}

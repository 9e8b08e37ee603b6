package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/apierror"
)

// batchPollInterval is the first wait between status polls in batch results;
// the API's retry-after wins when longer. Tests lower it.
var batchPollInterval = 10 * time.Second

// batchMaxPoll caps the doubling poll interval and any retry-after the API
// sends. Tests lower it.
var batchMaxPoll = 2 * time.Minute

// runBatch is `claude batch submit FILE.jsonl | status ID | results ID`.
func runBatch(ctx context.Context, s *session, args []string) error {
	if len(args) != 2 {
		return usageErr("usage: claude batch submit FILE.jsonl | status ID | results ID")
	}
	switch args[0] {
	case "submit":
		return batchSubmit(ctx, s, args[1])
	case "status":
		return batchStatus(ctx, s, args[1])
	case "results":
		return batchResults(ctx, s, args[1])
	}
	return usageErr("batch: unknown action %q (submit, status or results)", args[0])
}

// batchSubmit reads a JSON Lines file of {"custom_id", "params"} requests,
// splits it into batches under the API's limits and submits each, printing
// one batch ID per line (or, with -json, each batch).
func batchSubmit(ctx context.Context, s *session, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var (
		pending []client.BatchRequestItem
		size    = len(`{"requests":[]}`)
		total   int
		batches int
	)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		b, err := s.c.Batches.Create(ctx, client.BatchCreateRequest{Requests: pending})
		if err != nil {
			return fmt.Errorf("batch %d (requests %d to %d of %s): %w", batches+1, total-len(pending)+1, total, path, err)
		}
		batches++
		fmt.Fprintf(s.status, "\rsubmitted %d requests in %d batches", total, batches)
		pending, size = nil, len(`{"requests":[]}`)
		if s.json {
			return s.printJSON(b)
		}
		_, err = fmt.Fprintln(s.stdout, b.ID)
		return err
	}
	for item, err := range client.ReadJSONL[client.BatchRequestItem](bufio.NewReaderSize(f, 1<<20), 0) {
		if err != nil {
			return badBatchLine(path, err)
		}
		raw, err := json.Marshal(item)
		if err != nil {
			return err
		}
		if len(pending) == client.MaxBatchRequests || size+len(raw)+1 > client.MaxBatchBytes {
			if err := flush(); err != nil {
				return err
			}
		}
		pending = append(pending, item)
		size += len(raw) + 1
		total++
	}
	if total == 0 {
		return usageErr("%s holds no requests", path)
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintln(s.stderr)
	return nil
}

// batchStatus prints a batch's status and request counts.
func batchStatus(ctx context.Context, s *session, id string) error {
	b, err := s.c.Batches.Get(ctx, id)
	if err != nil {
		return err
	}
	if s.json {
		return s.printJSON(b)
	}
	rc := b.RequestCounts
	fmt.Fprintf(s.stdout, "%s\t%s\tprocessing %d\tsucceeded %d\terrored %d\tcanceled %d\texpired %d\n",
		b.ID, b.ProcessingStatus, rc.Processing, rc.Succeeded, rc.Errored, rc.Canceled, rc.Expired)
	return nil
}

// batchResults waits for the batch to end, drawing a progress bar on
// stderr, then writes its results to stdout as JSON Lines.
func batchResults(ctx context.Context, s *session, id string) error {
	wait := batchPollInterval
	var b *client.MessageBatch
	for {
		var resp *http.Response
		var err error
		b, err = s.c.Batches.Get(ctx, id, client.WithResponseInto(&resp))
		if err != nil {
			return err
		}
		drawProgress(s, b)
		if b.ProcessingStatus == client.MessageBatchProcessingStatusEnded {
			break
		}
		d := pollWait(wait, apierror.ParseRetryAfter(resp.Header, time.Now()))
		wait = min(wait*2, batchMaxPoll)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			fmt.Fprintln(s.stderr)
			return ctx.Err()
		case <-t.C:
		}
	}
	fmt.Fprintln(s.stderr)
	w := bufio.NewWriter(s.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for r, err := range s.c.Batches.Results(ctx, id, client.ResultsParamsOf(b)) {
		if err != nil {
			_ = w.Flush()
			return err
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return w.Flush()
}

// pollWait is the wait before the next poll: the backoff, or the server's
// retry-after when longer, never more than batchMaxPoll (a server cannot
// stall the command).
func pollWait(backoff, retryAfter time.Duration) time.Duration {
	return min(max(backoff, retryAfter), batchMaxPoll)
}

// drawProgress redraws one progress line on stderr:
// [#########-----------]  45%  450/1000  succeeded 440  errored 10  in_progress
// Counts come from the server: negative ones count as zero, and the bar and
// percentage stay within their bounds whatever the counts say.
func drawProgress(s *session, b *client.MessageBatch) {
	rc := b.RequestCounts
	nn := func(v int64) int64 { return max(v, 0) }
	done := sat(sat(nn(rc.Succeeded), nn(rc.Errored)), sat(nn(rc.Canceled), nn(rc.Expired)))
	total := sat(done, nn(rc.Processing))
	const width = 30
	filled, pct := 0, 0
	if total > 0 {
		frac := float64(done) / float64(total)
		filled, pct = int(frac*width), int(frac*100)
	}
	bar := strings.Repeat("#", filled) + strings.Repeat("-", width-filled)
	fmt.Fprintf(s.status, "\r[%s] %3d%%  %d/%d  succeeded %d  errored %d  canceled %d  expired %d  %s",
		bar, pct, done, total, rc.Succeeded, rc.Errored, rc.Canceled, rc.Expired, termSafe(string(b.ProcessingStatus)))
}

// sat adds two non-negative counts, saturating instead of overflowing.
func sat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

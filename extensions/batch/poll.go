package batch

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

func (ru *run) startPoller(idx int, id string, skip int64) {
	ru.wg.Add(1)
	go ru.poll(idx, id, skip)
}

// poll waits for one batch to end, then streams its results, skipping the
// first skip lines (delivered by an earlier run).
//
// Polling is not retrying: a poll that answers "in progress" is followed by
// the next one after the poll backoff, or after the API's retry-after when
// longer, clamped to MaxPollInterval so a server cannot stall the run. Each
// poll is one call through the client's pipeline, retried by its retry layer
// if the client has one; a poll that fails for good ends the run (the state
// file keeps the batch, and a new run polls it again).
func (ru *run) poll(idx int, id string, skip int64) {
	defer ru.wg.Done()
	defer ru.release()
	backoff := ru.cfg.PollInterval
	var b *client.MessageBatch
	for {
		var resp *http.Response
		var err error
		b, err = ru.r.c.Batches.Get(ru.ctx, id, ru.opts(client.WithResponseInto(&resp))...)
		if err != nil {
			if ru.ctx.Err() == nil {
				ru.fail(fmt.Errorf("batch: polling %s: %w", id, err))
			}
			return
		}
		ru.update(idx, b)
		if b.ProcessingStatus == client.MessageBatchProcessingStatusEnded {
			break
		}
		wait := backoff
		if ra := client.ParseRetryAfter(resp.Header, time.Now()); ra > wait {
			wait = min(ra, ru.cfg.MaxPollInterval) // a server cannot stall the run
		}
		backoff = min(backoff*2, ru.cfg.MaxPollInterval)
		if rtutil.Sleep(ru.ctx, wait) != nil {
			return
		}
	}
	if err := ru.results(idx, id, skip, client.ResultsParamsOf(b)); err != nil {
		if ru.ctx.Err() == nil {
			ru.fail(fmt.Errorf("batch: results of %s: %w", id, err))
		}
		return
	}
	ru.send(event{kind: evDone, batch: idx})
}

// results streams a batch's results to the caller, skipping the first skip
// lines.
//
// The request for the results is one call through the client's pipeline
// (its retry layer retries a failed status or connection). What that layer
// cannot do is resume a download cut after some lines went to the caller;
// the runner does, asking again from the next undelivered line, but only
// when the cut download yielded at least one new result: a results endpoint
// that fails at once is asked no more often than the retry layer decides,
// so the two never multiply.
func (ru *run) results(idx int, id string, skip int64, params client.ResultsParams) error {
	params.MaxLineSize = ru.cfg.MaxLineSize
	var sent int64
	for {
		var line int64
		progressed := false
		var failed error
		for res, err := range ru.r.c.Batches.Results(ru.ctx, id, params, ru.opts()...) {
			if err != nil {
				failed = err
				break
			}
			if line++; line <= skip+sent {
				continue
			}
			if !ru.send(event{kind: evResult, batch: idx, res: res}) {
				return context.Cause(ru.ctx)
			}
			sent++
			progressed = true
		}
		if failed == nil {
			return nil
		}
		if !progressed || !client.Retryable(nil, failed) || ru.ctx.Err() != nil {
			return failed
		}
	}
}

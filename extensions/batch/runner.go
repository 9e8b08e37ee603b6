package batch

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/claudego/claude/client"
)

// errStopped is the cause when the caller breaks out of the loop.
var errStopped = errors.New("batch: run stopped by the caller")

type eventKind int

const (
	evResult eventKind = iota
	evDone
	evErr
)

type event struct {
	kind  eventKind
	batch int
	res   client.MessageBatchIndividualResponse
	err   error
}

// Run submits requests in batches and yields every result, keyed by its
// CustomID, as each batch ends. The input is read once, lazily: only the
// batch being filled is held in memory, so requests may be a file of
// millions of lines (client.ReadJSONL). Requests are validated as they are
// read (client.ValidateBatchRequestItem, the index in the field path being
// the position in the input); an invalid request, a custom_id repeated within
// a batch or an input error ends the run with that error. Custom IDs should
// be unique across the whole input for results to be told apart.
//
// With Config.StateFile, a run resumes where the last one stopped: it skips
// the input already submitted (so the input must yield the same requests in
// the same order), picks up the unfinished batches and skips the results
// already delivered. Across stops (ctx cancelled, or the loop broken) every
// result is delivered exactly once; after a hard crash, the results since the
// last checkpoint are delivered again, and a batch whose create was in flight
// may be submitted twice.
//
// Cancelling ctx stops polling and submitting (a create in flight finishes,
// so its batch is recorded), saves the state, cancels unfinished batches if
// Config.CancelOnStop, and yields ctx's error. Breaking out of the loop stops
// the same way without an error and without cancelling batches. Failed
// calls are retried by the client's retry layer, not by the runner (see
// Runner). No goroutine outlives the iteration, and no spool file outlives
// the run.
func (r *Runner) Run(ctx context.Context, requests iter.Seq2[client.BatchRequestItem, error]) iter.Seq2[client.MessageBatchIndividualResponse, error] {
	return func(yield func(client.MessageBatchIndividualResponse, error) bool) {
		var zero client.MessageBatchIndividualResponse
		st := &State{Version: stateVersion}
		if r.cfg.StateFile != "" {
			loaded, err := LoadState(r.cfg.StateFile)
			if err != nil {
				yield(zero, err)
				return
			}
			st = loaded
		}
		inner, stop := context.WithCancelCause(ctx)
		defer stop(nil)
		ru := &run{r: r, cfg: &r.cfg, ctx: inner, st: st, events: make(chan event), slots: make(chan struct{}, r.cfg.MaxInFlight)}
		ru.wg.Add(1)
		go ru.submit(requests)
		go func() { ru.wg.Wait(); close(ru.events) }()

		var runErr error
		stopped := false
		for ev := range ru.events {
			if stopped || runErr != nil {
				continue // draining: undelivered results are not counted, so a resume re-delivers them
			}
			switch ev.kind {
			case evResult:
				ok := yield(ev.res, nil)
				ru.delivered(ev.batch)
				if !ok {
					stopped = true
					stop(errStopped)
				}
			case evDone:
				ru.done(ev.batch)
			case evErr:
				runErr = ev.err
				stop(ev.err)
			}
		}
		if runErr == nil && !stopped && ctx.Err() != nil {
			runErr = context.Cause(ctx)
		}
		if ctx.Err() != nil && r.cfg.CancelOnStop {
			if err := ru.cancelUnfinished(context.WithoutCancel(ctx)); err != nil {
				runErr = errors.Join(runErr, err)
			}
		}
		if err := ru.save(); err != nil && runErr == nil && !stopped {
			runErr = err
		}
		ru.progress()
		if runErr != nil && !stopped {
			yield(zero, runErr)
		}
	}
}

// run is the shared state of one Run.
type run struct {
	r      *Runner
	cfg    *Config
	ctx    context.Context
	events chan event
	slots  chan struct{}
	wg     sync.WaitGroup

	mu         sync.Mutex // guards st, delivered, sinceSave, lastSubmit
	st         *State
	nDelivered int64
	sinceSave  int
	lastSubmit time.Time

	saveMu sync.Mutex
	progMu sync.Mutex
}

func (ru *run) send(ev event) bool {
	select {
	case ru.events <- ev:
		return true
	case <-ru.ctx.Done():
		return false
	}
}

func (ru *run) fail(err error) { ru.send(event{kind: evErr, err: err}) }

func (ru *run) acquire() bool {
	select {
	case ru.slots <- struct{}{}:
		return true
	case <-ru.ctx.Done():
		return false
	}
}

func (ru *run) release() { <-ru.slots }

func (ru *run) opts(extra ...client.Option) []client.Option {
	return append(append([]client.Option(nil), ru.cfg.Options...), extra...)
}

// update records a polled status.
func (ru *run) update(idx int, b *client.MessageBatch) {
	ru.mu.Lock()
	bs := ru.st.Batches[idx]
	bs.Counts, bs.Status = b.RequestCounts, b.ProcessingStatus
	ru.mu.Unlock()
	ru.progress()
}

// delivered counts one result the caller received.
func (ru *run) delivered(idx int) {
	ru.mu.Lock()
	ru.st.Batches[idx].Delivered++
	ru.nDelivered++
	ru.sinceSave++
	checkpoint := ru.sinceSave >= ru.cfg.CheckpointEvery
	report := ru.nDelivered%1000 == 0
	ru.mu.Unlock()
	if checkpoint {
		_ = ru.save() // a failed checkpoint is retried at the next one and on stop
	}
	if report {
		ru.progress()
	}
}

// done marks a batch whose results were all delivered.
func (ru *run) done(idx int) {
	ru.mu.Lock()
	ru.st.Batches[idx].Done = true
	ru.mu.Unlock()
	_ = ru.save()
	ru.progress()
}

// save writes the state file, one writer at a time, newest state last.
func (ru *run) save() error {
	if ru.cfg.StateFile == "" {
		return nil
	}
	ru.saveMu.Lock()
	defer ru.saveMu.Unlock()
	ru.mu.Lock()
	snap := ru.st.clone()
	ru.sinceSave = 0
	ru.mu.Unlock()
	return snap.Save(ru.cfg.StateFile)
}

func (ru *run) progress() {
	if ru.cfg.OnProgress == nil {
		return
	}
	ru.progMu.Lock()
	defer ru.progMu.Unlock()
	ru.mu.Lock()
	p := Progress{Batches: len(ru.st.Batches)}
	for _, b := range ru.st.Batches {
		p.Delivered += b.Delivered // earlier runs' deliveries included, as documented
		p.Submitted += int64(b.Requests)
		if b.Status == client.MessageBatchProcessingStatusEnded {
			p.BatchesEnded++
		}
		p.Processing += b.Counts.Processing
		p.Succeeded += b.Counts.Succeeded
		p.Errored += b.Counts.Errored
		p.Canceled += b.Counts.Canceled
		p.Expired += b.Counts.Expired
	}
	ru.mu.Unlock()
	ru.cfg.OnProgress(p)
}

// cancelUnfinished cancels every batch that has not ended, for CancelOnStop.
func (ru *run) cancelUnfinished(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	ru.mu.Lock()
	var ids []int
	for i, b := range ru.st.Batches {
		if !b.Done && b.Status != client.MessageBatchProcessingStatusEnded {
			ids = append(ids, i)
		}
	}
	ru.mu.Unlock()
	var errs []error
	for _, i := range ids {
		ru.mu.Lock()
		id := ru.st.Batches[i].ID
		ru.mu.Unlock()
		b, err := ru.r.c.Batches.Cancel(ctx, id, ru.opts()...)
		if err != nil {
			errs = append(errs, fmt.Errorf("batch: canceling %s: %w", id, err))
			continue
		}
		ru.update(i, b)
	}
	return errors.Join(errs...)
}

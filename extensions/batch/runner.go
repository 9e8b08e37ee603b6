package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/apierror"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// envelope is the bytes of {"requests":[]} around the items.
const envelope = len(`{"requests":[]}`)

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
// the same way without an error and without cancelling batches. Errors the
// API may cure (429, 5xx, 529) are retried up to Config.MaxAttempts times.
// No goroutine outlives the iteration.
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

// submit resumes the unfinished batches, then reads the input, splits it
// into batches and submits them in input order.
func (ru *run) submit(requests iter.Seq2[client.BatchRequestItem, error]) {
	defer ru.wg.Done()
	ru.mu.Lock()
	skip := ru.st.Consumed
	resume := slices.Clone(ru.st.Batches)
	ru.mu.Unlock()
	for i, b := range resume {
		if b.Done {
			continue
		}
		if !ru.acquire() {
			return
		}
		ru.startPoller(i, b.ID, b.Delivered)
	}
	ru.progress()

	var (
		pending []client.BatchRequestItem
		size    = envelope
		seen    = map[string]struct{}{}
		pos     int64
		buf     bytes.Buffer
		enc     = json.NewEncoder(&buf)
	)
	enc.SetEscapeHTML(false)
	for item, err := range requests {
		if err != nil {
			ru.fail(fmt.Errorf("batch: reading request %d: %w", pos, err))
			return
		}
		pos++
		if pos <= skip {
			continue
		}
		if ru.ctx.Err() != nil {
			return
		}
		if err := client.ValidateBatchRequestItem(int(pos-1), &item); err != nil {
			ru.fail(fmt.Errorf("batch: request %d (custom_id %q): %w", pos-1, item.CustomID, err))
			return
		}
		buf.Reset()
		if err := enc.Encode(&item); err != nil {
			ru.fail(fmt.Errorf("batch: encoding request %d: %w", pos-1, err))
			return
		}
		n := buf.Len() - 1 // without the newline
		if envelope+n > ru.cfg.MaxBytes {
			ru.fail(&client.ValidationError{Field: fmt.Sprintf("requests[%d]", pos-1), Reason: fmt.Sprintf("encodes to %d bytes, more than a batch may hold (%d)", n, ru.cfg.MaxBytes-envelope)})
			return
		}
		sep := 0
		if len(pending) > 0 {
			sep = 1
		}
		if len(pending) == ru.cfg.MaxRequests || size+sep+n > ru.cfg.MaxBytes {
			if !ru.flush(pending) {
				return
			}
			pending, size, sep = nil, envelope, 0
			clear(seen)
		}
		if _, dup := seen[item.CustomID]; dup {
			ru.fail(&client.ValidationError{Field: fmt.Sprintf("requests[%d].custom_id", pos-1), Reason: fmt.Sprintf("%q repeats an earlier custom_id of the same batch", item.CustomID)})
			return
		}
		seen[item.CustomID] = struct{}{}
		pending = append(pending, item)
		size += sep + n
	}
	if len(pending) > 0 {
		ru.flush(pending)
	}
}

// flush submits one batch once a slot is free and the submit interval has
// passed, records it in the state and starts its poller.
func (ru *run) flush(items []client.BatchRequestItem) bool {
	if !ru.acquire() {
		return false
	}
	if !ru.pace() {
		ru.release()
		return false
	}
	req := client.BatchCreateRequest{Requests: items}
	var b *client.MessageBatch
	err := ru.retry(func() error {
		// A create in flight is let finish, so a batch the API created is
		// always recorded: only the wait before it follows ctx.
		var err error
		b, err = ru.r.c.Batches.Create(context.WithoutCancel(ru.ctx), req, ru.opts(client.WithoutValidation())...)
		return err
	})
	if err != nil {
		ru.release()
		if ru.ctx.Err() == nil {
			ru.fail(fmt.Errorf("batch: submitting %d requests: %w", len(items), err))
		}
		return false
	}
	ru.mu.Lock()
	ru.st.Batches = append(ru.st.Batches, &BatchState{ID: b.ID, Requests: len(items), Counts: b.RequestCounts, Status: b.ProcessingStatus})
	ru.st.Consumed += int64(len(items))
	idx := len(ru.st.Batches) - 1
	ru.mu.Unlock()
	if err := ru.save(); err != nil {
		ru.release()
		ru.fail(err)
		return false
	}
	ru.progress()
	ru.startPoller(idx, b.ID, 0)
	return true
}

// pace waits out SubmitInterval since the last creation.
func (ru *run) pace() bool {
	if ru.cfg.SubmitInterval <= 0 {
		return true
	}
	ru.mu.Lock()
	last := ru.lastSubmit
	ru.mu.Unlock()
	if !last.IsZero() {
		if wait := last.Add(ru.cfg.SubmitInterval).Sub(time.Now()); wait > 0 {
			if rtutil.Sleep(ru.ctx, wait) != nil {
				return false
			}
		}
	}
	ru.mu.Lock()
	ru.lastSubmit = time.Now()
	ru.mu.Unlock()
	return true
}

// retry runs call until it succeeds, fails for good, ctx ends or MaxAttempts
// temporary failures in a row, waiting the backoff or the retry-after.
func (ru *run) retry(call func() error) error {
	backoff := time.Second
	for attempt := 1; ; attempt++ {
		err := call()
		if err == nil || !temporary(err) || attempt >= ru.cfg.MaxAttempts || ru.ctx.Err() != nil {
			return err
		}
		wait := backoff
		if e, ok := apierror.As(err); ok && e.RetryAfter > wait {
			wait = min(e.RetryAfter, ru.cfg.MaxPollInterval)
		}
		backoff = min(backoff*2, ru.cfg.MaxPollInterval)
		if serr := rtutil.Sleep(ru.ctx, wait); serr != nil {
			return serr
		}
	}
}

// temporary reports whether a retry may cure err: client.Retryable, the
// answer the retry layer and the breaker also use.
func temporary(err error) bool { return client.Retryable(nil, err) }

func (ru *run) startPoller(idx int, id string, skip int64) {
	ru.wg.Add(1)
	go ru.poll(idx, id, skip)
}

// poll waits for one batch to end, then streams its results, skipping the
// first skip lines (delivered by an earlier run).
func (ru *run) poll(idx int, id string, skip int64) {
	defer ru.wg.Done()
	defer ru.release()
	backoff := ru.cfg.PollInterval
	var b *client.MessageBatch
	for {
		var resp *http.Response
		err := ru.retry(func() error {
			var err error
			b, err = ru.r.c.Batches.Get(ru.ctx, id, ru.opts(client.WithResponseInto(&resp))...)
			return err
		})
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
		if ra := apierror.ParseRetryAfter(resp.Header, time.Now()); ra > wait {
			wait = min(ra, ru.cfg.MaxPollInterval) // a server cannot stall the run
		}
		backoff = min(backoff*2, ru.cfg.MaxPollInterval)
		if rtutil.Sleep(ru.ctx, wait) != nil {
			return
		}
	}
	params := client.ResultsParamsOf(b)
	params.MaxLineSize = ru.cfg.MaxLineSize
	var sent int64
	err := ru.retry(func() error {
		var line int64
		for res, err := range ru.r.c.Batches.Results(ru.ctx, id, params, ru.opts()...) {
			if err != nil {
				return err
			}
			if line++; line <= skip+sent {
				continue
			}
			if !ru.send(event{kind: evResult, batch: idx, res: res}) {
				return context.Cause(ru.ctx)
			}
			sent++
		}
		return nil
	})
	if err != nil {
		if ru.ctx.Err() == nil {
			ru.fail(fmt.Errorf("batch: results of %s: %w", id, err))
		}
		return
	}
	ru.send(event{kind: evDone, batch: idx})
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

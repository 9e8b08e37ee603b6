package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// submit resumes the unfinished batches, then reads the input, splits it
// into batches and submits them in input order.
//
// Each request is validated and encoded once, as it is read; its size is
// measured from those bytes, which go straight into the spool, and the Go
// value is dropped. Only the body being filled is held, in memory up to
// Config.SpoolAfter and in a temporary file past it (see spool).
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

	sp := &spool{dir: ru.cfg.SpoolDir, limit: ru.cfg.SpoolAfter}
	defer func() { _ = sp.reset() }() // removes a spool file left by a stop or a failure
	var (
		seen = map[string]struct{}{} // custom_ids of the batch being filled
		pos  int64
		buf  bytes.Buffer
		enc  = json.NewEncoder(&buf)
	)
	enc.SetEscapeHTML(false) // as the client encodes: Create and CreateEncoded send the same bytes
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
		encoded := buf.Bytes()[:buf.Len()-1] // without the newline
		n := len(encoded)
		if envelope+n > ru.cfg.MaxBytes {
			ru.fail(&client.ValidationError{Field: fmt.Sprintf("requests[%d]", pos-1), Reason: fmt.Sprintf("encodes to %d bytes, more than a batch may hold (%d)", n, ru.cfg.MaxBytes-envelope)})
			return
		}
		if sp.count == ru.cfg.MaxRequests || sp.sizeWith(n) > int64(ru.cfg.MaxBytes) {
			if !ru.flush(sp) {
				return
			}
			clear(seen)
		}
		if _, dup := seen[item.CustomID]; dup {
			ru.fail(&client.ValidationError{Field: fmt.Sprintf("requests[%d].custom_id", pos-1), Reason: fmt.Sprintf("%q repeats an earlier custom_id of the same batch", item.CustomID)})
			return
		}
		seen[item.CustomID] = struct{}{}
		if err := sp.add(encoded); err != nil {
			ru.fail(fmt.Errorf("batch: request %d: %w", pos-1, err))
			return
		}
	}
	if sp.count > 0 {
		ru.flush(sp)
	}
}

// flush submits the spooled batch once a slot is free and the submit
// interval has passed, records it in the state, starts its poller and resets
// the spool.
//
// The create is one call through the client's pipeline: its retries are the
// client's retry layer's, if any, and the runner adds none, so a throttled
// create is sent exactly as many times as that layer sends any call
// (ARCHITECTURE.md, "A layer": the batch runner and retry). A create that
// fails for good ends the run; the state file then holds every batch
// submitted so far and a new run resumes after them.
func (ru *run) flush(sp *spool) bool {
	if !ru.acquire() {
		return false
	}
	if !ru.pace() {
		ru.release()
		return false
	}
	count := sp.count
	body, err := sp.body()
	var b *client.MessageBatch
	if err == nil {
		// A create in flight is let finish, so a batch the API created is
		// always recorded: only the wait before it follows ctx.
		b, err = ru.r.c.Batches.CreateEncoded(context.WithoutCancel(ru.ctx), body, ru.opts()...)
	}
	if rerr := sp.reset(); err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		ru.release()
		if ru.ctx.Err() == nil {
			ru.fail(fmt.Errorf("batch: submitting %d requests: %w", count, err))
		}
		return false
	}
	ru.mu.Lock()
	ru.st.Batches = append(ru.st.Batches, &BatchState{ID: b.ID, Requests: count, Counts: b.RequestCounts, Status: b.ProcessingStatus})
	ru.st.Consumed += int64(count)
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

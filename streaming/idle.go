package streaming

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// BoundIdle returns body with every Read bounded by d of silence: when a Read
// has waited d for the server, body is closed and that Read (and every later
// one) returns an error wrapping ErrIdleTimeout. Only time spent waiting in a
// Read counts, never time between Reads (a slow consumer, a paused stream,
// is not an idle server). Closing the result stops the timer. d <= 0 returns
// body unchanged.
//
// client.Messages.Stream puts it around the body of every attempt, below
// the reliability layers, so the prelude the retry layer reads is bounded
// as the rest of the stream is.
func BoundIdle(body io.ReadCloser, d time.Duration) io.ReadCloser {
	if d <= 0 {
		return body
	}
	b := &idleBody{rc: body, d: d}
	b.mu.Lock()
	b.timer = time.AfterFunc(d, b.check)
	b.mu.Unlock()
	return b
}

// idleBody is the idle bound: a timer that re-arms while no Read waits (or
// the waiting one is younger than d) and closes the body otherwise.
type idleBody struct {
	rc           io.ReadCloser
	d            time.Duration
	waitingSince atomic.Int64 // unix nanos when the pending Read began, 0 when none
	fired        atomic.Bool

	mu     sync.Mutex
	closed bool
	timer  *time.Timer
}

func (b *idleBody) Read(p []byte) (int, error) {
	if b.fired.Load() {
		return 0, b.err()
	}
	b.waitingSince.Store(time.Now().UnixNano())
	n, err := b.rc.Read(p)
	b.waitingSince.Store(0)
	if err != nil && b.fired.Load() {
		err = b.err()
	}
	return n, err
}

func (b *idleBody) err() error {
	return fmt.Errorf("%w: no data for %v", ErrIdleTimeout, b.d)
}

// check runs on the timer.
func (b *idleBody) check() {
	next := b.d
	if since := b.waitingSince.Load(); since != 0 {
		waited := time.Duration(time.Now().UnixNano() - since)
		if waited >= b.d {
			b.fired.Store(true)
			b.mu.Lock()
			b.closed = true
			b.mu.Unlock()
			_ = b.rc.Close()
			return
		}
		next = b.d - waited
	}
	b.mu.Lock()
	if !b.closed {
		b.timer.Reset(max(next, time.Millisecond))
	}
	b.mu.Unlock()
}

// Close stops the timer and closes the body.
func (b *idleBody) Close() error {
	b.mu.Lock()
	already := b.closed
	b.closed = true
	b.timer.Stop()
	b.mu.Unlock()
	if already && b.fired.Load() {
		return nil
	}
	return b.rc.Close()
}

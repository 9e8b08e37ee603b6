package streaming

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/client/types"
)

// Config sets up a Stream. The zero value works.
type Config struct {
	// Op names the operation in errors ("messages.stream"); default "stream".
	Op string
	// MaxEventSize caps one event; a larger one ends the stream with
	// ErrEventTooLarge. Zero means DefaultMaxEventSize (32 MiB).
	MaxEventSize int
	// IdleTimeout ends the stream with ErrIdleTimeout when no bytes arrive
	// for that long (time spent paused does not count). Zero disables it.
	IdleTimeout time.Duration
	// Context, when set, ends the stream (closing the body) once it is done.
	Context context.Context
	// Cancel, when set, is called once when the stream ends for any reason,
	// to release the request (client.Messages.Stream passes the request's
	// cancel func here).
	Cancel context.CancelFunc
}

// drainLimit and drainTimeout bound the read to EOF after message_stop that
// lets the connection be reused.
const (
	drainLimit   = 64 << 10
	drainTimeout = 100 * time.Millisecond
	slabSize     = 16 << 10
)

// Stream reads the events of one streamed Messages response. Next, Event,
// Err, Message, All and Text belong to one goroutine; Pause, Resume, Cancel
// and Close may be called from any goroutine.
type Stream struct {
	cfg    Config
	op     string
	status int
	header http.Header
	body   io.ReadCloser
	fr     *Framer

	acc     accumulator
	ev      Event
	err     error
	ordinal int
	done    bool // Next will return false
	stopped bool // message_stop arrived
	slab    []byte

	closeOnce sync.Once
	stopCtx   func() bool

	mu       sync.Mutex
	paused   bool
	resumeCh chan struct{}
	cancelCh chan struct{}

	closed       atomic.Bool // the body was closed, for any reason
	userClose    atomic.Bool // Close was called
	canceled     atomic.Bool // Cancel was called
	idleFired    atomic.Bool
	ctxDone      atomic.Bool
	waitingSince atomic.Int64 // unix nanos when the pending Read began, 0 when none
	idle         *time.Timer
}

// New starts reading resp's body as a Messages event stream. resp must be the
// 2xx response of a request with "stream": true; the Stream owns its body and
// closes it when the stream ends (message_stop, an error, Close, Cancel, the
// end of an All or Text loop, or Config.Context being done).
func New(resp *http.Response, cfg Config) *Stream {
	s := &Stream{
		cfg:      cfg,
		op:       cfg.Op,
		status:   resp.StatusCode,
		header:   resp.Header,
		body:     resp.Body,
		cancelCh: make(chan struct{}),
	}
	if s.op == "" {
		s.op = "stream"
	}
	if s.header == nil {
		s.header = http.Header{}
	}
	if s.body == nil {
		s.body = http.NoBody
	}
	var r io.Reader = s.body
	if cfg.IdleTimeout > 0 {
		r = &idleReader{r: s.body, s: s}
		s.mu.Lock()
		s.idle = time.AfterFunc(cfg.IdleTimeout, s.onIdle)
		s.mu.Unlock()
	}
	s.fr = NewFramer(r, cfg.MaxEventSize)
	if cfg.Context != nil {
		s.stopCtx = context.AfterFunc(cfg.Context, func() {
			s.ctxDone.Store(true)
			s.closeBody()
		})
	}
	return s
}

// Next reads the next event and reports whether there is one. It returns
// false at the end of the stream (after message_stop) and on any error; Err
// tells which. ping events are consumed here and never returned. While the
// stream is paused, Next waits for Resume (or Cancel, or the context).
func (s *Stream) Next() bool {
	if s.done {
		return false
	}
	if s.stopped {
		s.finish(nil)
		return false
	}
	if s.closed.Load() || !s.waitResume() {
		s.finish(s.endErr(nil))
		return false
	}
	for {
		evType, data, err := s.fr.Next()
		if err != nil {
			s.finish(s.endErr(err))
			return false
		}
		s.ordinal++
		ev, err := s.decode(evType, data)
		if err != nil {
			s.finish(err)
			return false
		}
		switch ev.Type {
		case TypePing:
			continue
		case TypeMessageStop:
			s.stopped = true
			s.ev = ev
			s.drain()
			return true
		}
		s.ev = ev
		return true
	}
}

// waitResume blocks while paused; false means the stream was ended meanwhile.
func (s *Stream) waitResume() bool {
	s.mu.Lock()
	ch := s.resumeCh
	paused := s.paused
	s.mu.Unlock()
	if !paused {
		return true
	}
	var ctxDone <-chan struct{}
	if s.cfg.Context != nil {
		ctxDone = s.cfg.Context.Done()
	}
	select {
	case <-ch:
		return !s.closed.Load()
	case <-s.cancelCh:
		return false
	case <-ctxDone:
		return false
	}
}

// endErr turns the reason reading stopped into the stream's error.
func (s *Stream) endErr(readErr error) error {
	switch {
	case s.canceled.Load():
		return wrap(s.op, fmt.Errorf("stream canceled: %w", context.Canceled))
	case s.idleFired.Load():
		return wrap(s.op, fmt.Errorf("%w: no data for %v", ErrIdleTimeout, s.cfg.IdleTimeout))
	case s.userClose.Load():
		return nil // Close was called: no error
	case s.ctxDone.Load() || s.cfg.Context != nil && s.cfg.Context.Err() != nil:
		return wrap(s.op, context.Cause(s.cfg.Context))
	case readErr == nil:
		return nil
	case errors.Is(readErr, ErrEventTooLarge):
		return wrap(s.op, fmt.Errorf("%w (event #%d)", readErr, s.ordinal+1))
	case readErr == io.EOF:
		return wrap(s.op, fmt.Errorf("%w: the body ended after %d events", ErrTruncated, s.ordinal))
	case errors.Is(readErr, context.Canceled), errors.Is(readErr, context.DeadlineExceeded):
		return wrap(s.op, readErr)
	}
	return wrap(s.op, fmt.Errorf("%w: after %d events: %w", ErrTruncated, s.ordinal, readErr))
}

// finish ends the stream with err (nil for a clean end) and closes the body.
func (s *Stream) finish(err error) {
	if s.done {
		return
	}
	s.done = true
	s.err = wrap(s.op, err)
	s.ev = Event{}
	s.closeBody()
}

// drain reads what follows message_stop (normally just the end of the body)
// so the connection can be reused, then closes the body. It gives up after
// drainLimit bytes or drainTimeout.
func (s *Stream) drain() {
	if s.fr.eof {
		s.closeBody()
		return
	}
	t := time.AfterFunc(drainTimeout, s.closeBody)
	_, _ = io.CopyN(io.Discard, s.body, drainLimit)
	t.Stop()
	s.closeBody()
}

// Event returns the event Next just read.
func (s *Stream) Event() Event { return s.ev }

// Err returns the error that ended the stream, or nil after message_stop
// (or Close). A mid-stream `event: error` is a *apierror.Error
// (client.APIError) with MidStream set; the others wrap ErrTruncated,
// ErrMalformedEvent, ErrIdleTimeout, ErrEventTooLarge or the context's error.
func (s *Stream) Err() error { return s.err }

// Message returns the message accumulated so far. After message_stop it is
// the complete reply, equal to what Messages.Create returns; before that (or
// after an error) Incomplete is true and open blocks hold what arrived, tool
// input closed by CompletePartialJSON.
func (s *Stream) Message() *types.Message {
	m, _ := s.acc.message(!s.stopped)
	return m
}

// PartialInput returns the input of the tool call streaming in content block
// index, parsed from the JSON received so far with CompletePartialJSON (for
// UIs that show a tool call as it forms), and false when that block has no
// input_json_delta yet. After content_block_stop it is the final input.
func (s *Stream) PartialInput(index int) (json.RawMessage, bool) {
	b, err := s.acc.block(int64(index))
	if err != nil || !b.inputOK {
		return nil, false
	}
	c, err := CompletePartialJSON(b.input)
	if err != nil {
		return nil, false
	}
	if c == nil {
		c = []byte("{}")
	}
	return c, true
}

// Close ends the stream and releases the connection. It is safe to call more
// than once and from any goroutine; Err stays nil unless the stream had
// already failed.
func (s *Stream) Close() error {
	s.userClose.Store(true)
	s.closeBody()
	return nil
}

// All returns an iterator over the events (pings excluded). A stream that
// ends in an error yields it last, with a zero Event. The body is closed when
// the loop ends, whether it ran to the end or broke out.
func (s *Stream) All() iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.Event(), nil) {
				return
			}
		}
		if err := s.Err(); err != nil {
			yield(Event{}, err)
		}
	}
}

// Text returns an iterator over the text of the text deltas only (no
// thinking, no tool input). A stream that ends in an error yields it last.
// The body is closed when the loop ends.
func (s *Stream) Text() iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		defer s.Close()
		for s.Next() {
			if t, ok := s.ev.TextDelta(); ok {
				if !yield(t, nil) {
					return
				}
			}
		}
		if err := s.Err(); err != nil {
			yield("", err)
		}
	}
}

package streaming

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/claudego/claude/internal/sse"
	"github.com/claudego/claude/internal/types"
)

// Config sets up a Stream. The zero value works.
type Config struct {
	// MaxEventSize caps one event; a larger one ends the stream with
	// ErrEventTooLarge. Zero means DefaultMaxEventSize (32 MiB).
	MaxEventSize int
	// MaxMessageSize caps the accumulated message (the bytes of its blocks
	// and deltas), so a stream that never ends cannot grow it without bound;
	// past it the stream ends with ErrMessageTooLarge. Zero means
	// DefaultMaxMessageSize (64 MiB).
	MaxMessageSize int
	// IdleTimeout ends the stream with ErrIdleTimeout when no bytes arrive
	// for that long (time spent paused, or between calls to Next, does not
	// count). Zero disables it. client.Messages.Stream bounds every read of
	// the body with it below the reliability layers instead (BoundIdle), so
	// a retried prelude is bounded too.
	IdleTimeout time.Duration
	// Observer, when set, hears the first content and the verdict.
	Observer Observer
	// Describe fills the Verdict's MessageID, Model and StopReason (a few
	// small allocations per stream, none per event); observability sets it.
	Describe bool
}

// DefaultMaxEventSize is the largest event a Stream accepts unless
// Config.MaxEventSize says otherwise: 32 MiB.
const DefaultMaxEventSize = sse.DefaultMaxEventSize

// DefaultMaxMessageSize is the largest accumulated message a Stream builds
// unless Config.MaxMessageSize says otherwise: 64 MiB, far above the
// largest reply the API's max_tokens allows.
const DefaultMaxMessageSize = 64 << 20

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
//
// Its ending is one state: the Verdict, decided once (by what reading
// returned, or by Close, Cancel or the context, whichever came first) and
// reported to the observers.
type Stream struct {
	cfg   Config
	body  io.ReadCloser // what closeBody closes
	fr    *sse.Framer
	dec   decoder
	watch *watchedBody // the layers' body observer, when the body has one

	ev          Event
	err         error
	done        bool // Next returns false from now on
	sentContent bool // FirstContent was reported

	ctx       context.Context // the request's, when known
	closeOnce sync.Once

	mu      sync.Mutex
	stopCtx func() bool   // stops watching the context
	verdict Verdict       // OutcomePending until decided
	endCh   chan struct{} // closed when the verdict is decided
	// reporting is held while the deciding call tells the observers, so
	// every other path that ends the stream (Close, Cancel, Next, the
	// context) returns only after they have heard the verdict.
	reporting sync.WaitGroup
	usage     Usage
	reply     reply // Config.Describe: the message's id, model, stop reason
	paused    bool
	resumeCh  chan struct{}
}

// New starts reading resp's body as a Messages event stream. resp must be the
// 2xx response of a request with "stream": true; the Stream owns its body and
// closes it when the stream ends (message_stop, an error, Close, Cancel, the
// end of an All or Text loop, or the request's context being done).
func New(resp *http.Response, cfg Config) *Stream {
	s := &Stream{cfg: cfg, endCh: make(chan struct{})}
	s.dec.status, s.dec.header = resp.StatusCode, resp.Header
	if s.dec.header == nil {
		s.dec.header = http.Header{}
	}
	s.dec.acc.max = cfg.MaxMessageSize
	if s.dec.acc.max <= 0 {
		s.dec.acc.max = DefaultMaxMessageSize
	}
	s.dec.acc.stop = s.endCh
	s.body = resp.Body
	if s.body == nil {
		s.body = http.NoBody
	}
	if w, ok := s.body.(*watchedBody); ok {
		s.watch = w
		w.attach()
	}
	if cfg.IdleTimeout > 0 {
		s.body = BoundIdle(s.body, cfg.IdleTimeout)
	}
	s.fr = sse.NewFramer(s.body, cfg.MaxEventSize)
	if resp.Request != nil {
		ctx := resp.Request.Context()
		s.ctx = ctx
		s.mu.Lock() // the func may run at once, on a done context
		s.stopCtx = context.AfterFunc(ctx, func() {
			s.decide(Verdict{Outcome: OutcomeCanceled, Err: context.Cause(ctx)})
			s.closeBody()
		})
		s.mu.Unlock()
	}
	return s
}

// Next reads the next event and reports whether there is one. It returns
// false at the end of the stream (after message_stop) and on any error; Err
// tells which. ping events are consumed here and never returned. While the
// stream is paused, Next waits for Resume (or Cancel, Close, or the context).
func (s *Stream) Next() bool {
	if s.done {
		return false
	}
	if !s.waitResume() {
		// Ended elsewhere: decide keeps that verdict and waits until its
		// observers have heard it.
		s.finish(s.decide(Verdict{Outcome: OutcomeAbandoned}))
		return false
	}
	for {
		evType, data, err := s.fr.Next()
		if err != nil {
			s.finish(s.decide(judge(s.ctx, err, nil, s.dec.ordinal)))
			return false
		}
		s.dec.ordinal++
		ev, err := s.dec.decode(evType, data)
		if err != nil {
			s.finish(s.decide(judge(s.ctx, nil, err, s.dec.ordinal)))
			return false
		}
		switch ev.Type {
		case TypePing:
			continue
		case TypeMessageStart, TypeMessageDelta:
			s.mu.Lock()
			s.usage = s.dec.acc.usageCounts()
			if s.cfg.Describe {
				s.reply = s.dec.acc.reply()
			}
			s.mu.Unlock()
		case TypeContentBlockDelta:
			s.firstContent()
		case TypeMessageStop:
			s.firstContent()
			s.drain()
			s.decide(Verdict{Outcome: OutcomeCompleted})
		}
		s.ev = ev
		return true
	}
}

// firstContent reports the first content to the observers, once.
func (s *Stream) firstContent() {
	if s.sentContent {
		return
	}
	s.sentContent = true
	if f := s.cfg.Observer.FirstContent; f != nil {
		f()
	}
	if s.watch != nil {
		s.watch.firstContent()
	}
}

// decide records v as the stream's verdict unless one was decided already,
// reports it to the observers, and returns the verdict that stands. It is
// the only place a Stream's ending is set.
func (s *Stream) decide(v Verdict) Verdict {
	s.mu.Lock()
	if s.verdict.Outcome != OutcomePending {
		v = s.verdict
		s.mu.Unlock()
		// Another goroutine (the context's AfterFunc, say) decided: wait
		// until its observers are done, so that when Close or Next returns
		// the call's last event has been reported. Observers never call
		// back into the Stream, so this cannot wait on itself.
		s.reporting.Wait()
		return v
	}
	v.Err = wrap(v.Err)
	v.Usage = s.usage
	v.MessageID, v.Model, v.StopReason = s.reply.id, s.reply.model, s.reply.stopReason
	s.verdict = v
	s.reporting.Add(1)
	close(s.endCh)
	s.mu.Unlock()
	defer s.reporting.Done()
	if f := s.cfg.Observer.End; f != nil {
		f(v)
	}
	if s.watch != nil {
		s.watch.end(v)
	}
	return v
}

// Verdict returns how the stream ended, or a Verdict with OutcomePending
// while it has not. Safe from any goroutine.
func (s *Stream) Verdict() Verdict {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.verdict
}

// waitResume blocks while paused; false means the stream has ended (it may
// have ended meanwhile, or before).
func (s *Stream) waitResume() bool {
	for {
		s.mu.Lock()
		ch, paused, ended := s.resumeCh, s.paused, s.verdict.Outcome != OutcomePending
		s.mu.Unlock()
		if ended {
			return false
		}
		if !paused {
			return true
		}
		select {
		case <-ch:
		case <-s.endCh:
		}
	}
}

// finish ends Next's loop with the verdict's error and closes the body.
func (s *Stream) finish(v Verdict) {
	s.done = true
	s.err = v.Err
	s.ev = Event{}
	s.closeBody()
}

// drain reads what follows message_stop (normally just the end of the body)
// so the connection can be reused, then closes the body. It gives up after
// drainLimit bytes or drainTimeout.
func (s *Stream) drain() {
	if s.fr.Ended() {
		s.closeBody()
		return
	}
	t := time.AfterFunc(drainTimeout, s.closeBody)
	_, _ = io.CopyN(io.Discard, s.body, drainLimit)
	t.Stop()
	s.closeBody()
}

// closeBody releases the response once: it stops watching the context and
// closes the body (which cancels the request below).
func (s *Stream) closeBody() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		stop := s.stopCtx
		s.mu.Unlock()
		if stop != nil {
			stop()
		}
		_ = s.body.Close()
	})
}

// Event returns the event Next just read.
func (s *Stream) Event() Event { return s.ev }

// Err returns the error that ended the stream, or nil after message_stop
// (or Close). A mid-stream `event: error` is a *apierror.Error
// (client.APIError) with MidStream set; the others wrap ErrTruncated,
// ErrMalformedEvent, ErrIdleTimeout, ErrEventTooLarge, ErrMessageTooLarge or
// the context's error. It is Verdict().Err once Next has returned false.
func (s *Stream) Err() error { return s.err }

// Message returns a snapshot of the message accumulated so far: later
// events never change a snapshot already returned. After message_stop it is
// the complete reply, equal to what Messages.Create returns; before that (or
// after an error) Incomplete is true and open blocks hold what arrived, tool
// input closed by CompletePartialJSON.
func (s *Stream) Message() *types.Message {
	complete := s.dec.stopped && s.Verdict().Outcome == OutcomeCompleted
	m, _ := s.dec.acc.message(!complete)
	c := *m
	c.Content = slices.Clone(m.Content)
	c.Incomplete = !complete
	return &c
}

// PartialInput returns the input of the tool call streaming in content block
// index, parsed from the JSON received so far with CompletePartialJSON (for
// UIs that show a tool call as it forms), and false when that block has no
// input_json_delta yet. After content_block_stop it is the final input.
func (s *Stream) PartialInput(index int) (json.RawMessage, bool) {
	b, err := s.dec.acc.block(int64(index))
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
// than once and from any goroutine; a stream closed before its end is
// OutcomeAbandoned, and Err stays nil unless the stream had already failed.
func (s *Stream) Close() error {
	s.decide(Verdict{Outcome: OutcomeAbandoned})
	s.closeBody()
	return nil
}

// Cancel ends the request: the body is closed, the request's context
// cancelled, the connection released; Next returns false and Err wraps
// context.Canceled (OutcomeCanceled).
func (s *Stream) Cancel() {
	s.decide(Verdict{Outcome: OutcomeCanceled, Err: fmt.Errorf("stream canceled: %w", context.Canceled)})
	s.closeBody()
}

// Pause stops reading: Next waits until Resume, so the socket is not read and
// TCP flow control holds the server back. Nothing is dropped. The idle
// timeout does not run while paused.
func (s *Stream) Pause() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.paused {
		s.paused = true
		s.resumeCh = make(chan struct{})
	}
}

// Resume undoes Pause.
func (s *Stream) Resume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.paused {
		s.paused = false
		close(s.resumeCh)
	}
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

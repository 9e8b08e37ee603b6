package streaming

import (
	"io"
	"time"
)

// idleReader records when a Read started waiting, so the idle timeout
// counts only time spent waiting for the server, never time the consumer
// spends between calls to Next (a slow consumer is not an idle server).
type idleReader struct {
	r io.Reader
	s *Stream
}

func (r *idleReader) Read(p []byte) (int, error) {
	r.s.waitingSince.Store(time.Now().UnixNano())
	n, err := r.r.Read(p)
	r.s.waitingSince.Store(0)
	return n, err
}

// onIdle runs on the idle timer: it re-arms while no Read is waiting (the
// consumer is busy or the stream paused) or the waiting one is younger than
// the timeout, and ends the stream otherwise.
func (s *Stream) onIdle() {
	if s.closed.Load() {
		return
	}
	d := s.cfg.IdleTimeout
	next := d
	if since := s.waitingSince.Load(); since != 0 {
		waited := time.Duration(time.Now().UnixNano() - since)
		if waited >= d {
			s.idleFired.Store(true)
			s.closeBody()
			return
		}
		next = d - waited
	}
	s.mu.Lock()
	if !s.closed.Load() {
		s.idle.Reset(max(next, time.Millisecond))
	}
	s.mu.Unlock()
}

// closeBody releases the response once: it stops the timers, closes the body
// and cancels the request.
func (s *Stream) closeBody() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed.Store(true)
		if s.idle != nil {
			s.idle.Stop()
		}
		s.mu.Unlock()
		if s.stopCtx != nil {
			s.stopCtx()
		}
		_ = s.body.Close()
		if s.cfg.Cancel != nil {
			s.cfg.Cancel()
		}
	})
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

// Cancel ends the request: the body is closed, the request's context
// cancelled, the connection released; Next returns false and Err wraps
// context.Canceled.
func (s *Stream) Cancel() {
	if s.canceled.Swap(true) {
		return
	}
	close(s.cancelCh)
	s.closeBody()
}

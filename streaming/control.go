package streaming

import (
	"io"
	"time"
)

// idleReader records when bytes last arrived.
type idleReader struct {
	r io.Reader
	s *Stream
}

func (r *idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.s.lastRead.Store(time.Now().UnixNano())
	}
	return n, err
}

// onIdle runs on the idle timer: it re-arms while bytes keep coming or the
// stream is paused, and ends the stream otherwise.
func (s *Stream) onIdle() {
	if s.closed.Load() {
		return
	}
	s.mu.Lock()
	paused := s.paused
	s.mu.Unlock()
	d := s.cfg.IdleTimeout
	since := time.Duration(time.Now().UnixNano() - s.lastRead.Load())
	if paused || since < d {
		next := d - since
		if paused {
			next = d
		}
		s.mu.Lock()
		if !s.closed.Load() {
			s.idle.Reset(max(next, time.Millisecond))
		}
		s.mu.Unlock()
		return
	}
	s.idleFired.Store(true)
	s.closeBody()
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
		s.lastRead.Store(time.Now().UnixNano())
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

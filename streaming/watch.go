package streaming

import (
	"context"
	"io"
	"net/http"
	"sync"

	"github.com/claudego/claude/internal/sse"
)

// Watch makes o hear how the stream in resp's body goes: its first content
// and its Verdict. It is the one body observer the layers below a Stream
// share (the retry layer's prelude, the circuit breaker, the rate limiter's
// usage), so none of them reads the bytes its own way.
//
// Watch wraps resp.Body once; later calls add their observer to the same
// wrapper, which must stay the outermost body for the Stream to find it
// (layers that wrap the body themselves do so before calling Watch). When a
// Stream reads the body (streaming.New, client.Messages.Stream), the
// Stream's verdict is the one reported. When something else reads it, the
// wrapper frames and decodes the bytes as they pass with the Stream's own
// code and judges them the same way; closing it before the end is
// OutcomeAbandoned. An observer added after the verdict hears it at once.
func Watch(resp *http.Response, o Observer) {
	w := watched(resp)
	w.mu.Lock()
	v := w.verdict
	if v.Outcome == OutcomePending {
		w.observers = append(w.observers, o)
	}
	w.mu.Unlock()
	if v.Outcome != OutcomePending && o.End != nil {
		o.End(v)
	}
}

// Prelude reads resp's event stream up to its first content (or its end,
// or maxBytes) and returns the error it failed with before any content: an
// *apierror.Error for an `event: error`, otherwise an error wrapping
// ErrTruncated, ErrIdleTimeout, ErrMalformedEvent, ErrEventTooLarge or the
// context's error. It returns nil once content arrived, the stream
// completed, or maxBytes were read without a failure. Everything read is
// replayed to the body's next reader, so the caller can hand the response
// on (or close it and try again). The retry layer uses it to retry a stream
// that fails before its first content.
//
// Every read goes through the body as it is: bound its time with BoundIdle
// (client.Messages.Stream does) and its context with the request's.
func Prelude(resp *http.Response, maxBytes int) error {
	w := watched(resp)
	return w.prelude(maxBytes)
}

// watched returns resp's watched body, wrapping it first if needed.
func watched(resp *http.Response) *watchedBody {
	if w, ok := resp.Body.(*watchedBody); ok {
		return w
	}
	w := &watchedBody{rc: resp.Body, fr: sse.NewPushFramer(DefaultMaxEventSize)}
	w.dec.status, w.dec.header = resp.StatusCode, resp.Header
	w.dec.acc.max = DefaultMaxMessageSize
	w.dec.acc.stop = make(chan struct{})
	w.dec.noCopy = true
	if resp.Body == nil {
		w.rc = http.NoBody
	}
	if resp.Request != nil {
		w.ctx = resp.Request.Context()
	}
	resp.Body = w
	return w
}

// watchedBody is the body observer: a pass-through body that, unless a
// Stream reads it, frames and decodes what passes.
type watchedBody struct {
	rc  io.ReadCloser
	ctx context.Context // the request's, when known

	mu          sync.Mutex
	observers   []Observer
	attached    bool   // a Stream reads the body and reports
	replay      []byte // bytes Prelude read, not yet handed on
	fr          *sse.Framer
	dec         decoder
	usage       Usage
	sentContent bool
	verdict     Verdict
}

// attach hands the judging to a Stream reading the body.
func (w *watchedBody) attach() {
	w.mu.Lock()
	w.attached = true
	w.fr = nil
	w.dec = decoder{}
	w.mu.Unlock()
}

func (w *watchedBody) Read(p []byte) (int, error) {
	w.mu.Lock()
	if len(w.replay) > 0 {
		n := copy(p, w.replay)
		w.replay = w.replay[n:]
		w.mu.Unlock()
		return n, nil
	}
	w.mu.Unlock()
	n, err := w.rc.Read(p)
	w.observe(p[:n], err)
	return n, err
}

// observe frames and decodes chunk (and the end, when err is set) unless a
// Stream is attached or the verdict is in.
func (w *watchedBody) observe(chunk []byte, readErr error) {
	var content bool
	var v Verdict
	w.mu.Lock()
	if w.attached || w.verdict.Outcome != OutcomePending {
		w.mu.Unlock()
		return
	}
	w.fr.Feed(chunk)
	if readErr != nil {
		w.fr.End(readErr)
	}
	for v.Outcome == OutcomePending {
		evType, data, err := w.fr.Next()
		if err == sse.ErrMore {
			break
		}
		if err != nil {
			v = judge(w.ctx, err, nil, w.dec.ordinal)
			break
		}
		w.dec.ordinal++
		ev, err := w.dec.decode(evType, data)
		switch {
		case err != nil:
			v = judge(w.ctx, nil, err, w.dec.ordinal)
		case ev.Type == TypeMessageStart, ev.Type == TypeMessageDelta:
			w.usage = w.dec.acc.usageCounts()
		case ev.Type == TypeMessageStop:
			v = Verdict{Outcome: OutcomeCompleted}
		}
		if w.dec.content && !w.sentContent {
			w.sentContent, content = true, true
		}
	}
	w.mu.Unlock()
	if content {
		w.firstContent()
	}
	if v.Outcome != OutcomePending {
		w.end(v)
	}
}

// prelude is Prelude on a watched body.
func (w *watchedBody) prelude(maxBytes int) error {
	var rec []byte
	buf := make([]byte, 4<<10)
	for {
		n, err := w.rc.Read(buf)
		rec = append(rec, buf[:n]...)
		w.observe(buf[:n], err)
		w.mu.Lock()
		v, content := w.verdict, w.sentContent
		w.mu.Unlock()
		if content || v.Outcome == OutcomeCompleted {
			break
		}
		if v.Outcome != OutcomePending {
			w.setReplay(rec)
			return v.Err
		}
		if err != nil || len(rec) >= maxBytes {
			break
		}
		if w.ctx != nil && w.ctx.Err() != nil {
			w.end(Verdict{Outcome: OutcomeCanceled, Err: context.Cause(w.ctx)})
			w.setReplay(rec)
			return w.Verdict().Err
		}
	}
	w.setReplay(rec)
	return nil
}

func (w *watchedBody) setReplay(rec []byte) {
	w.mu.Lock()
	w.replay = append(rec, w.replay...)
	w.mu.Unlock()
}

// Verdict returns the verdict, OutcomePending until there is one.
func (w *watchedBody) Verdict() Verdict {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.verdict
}

// firstContent tells the observers that content arrived.
func (w *watchedBody) firstContent() {
	w.mu.Lock()
	obs := w.observers
	w.mu.Unlock()
	for _, o := range obs {
		if o.FirstContent != nil {
			o.FirstContent()
		}
	}
}

// end records v unless a verdict is in, and tells the observers.
func (w *watchedBody) end(v Verdict) {
	w.mu.Lock()
	if w.verdict.Outcome != OutcomePending {
		w.mu.Unlock()
		return
	}
	if !w.attached {
		v.Err = wrap(v.Err)
		v.Usage = w.usage
	}
	w.verdict = v
	obs := w.observers
	w.mu.Unlock()
	for _, o := range obs {
		if o.End != nil {
			o.End(v)
		}
	}
}

// Close closes the body; a stream not judged yet is abandoned. An attached
// Stream reports its own verdict (it closes the body first when it drains
// after message_stop).
func (w *watchedBody) Close() error {
	w.mu.Lock()
	attached := w.attached
	w.mu.Unlock()
	if !attached {
		w.end(Verdict{Outcome: OutcomeAbandoned})
	}
	return w.rc.Close()
}

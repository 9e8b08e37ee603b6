package circuitbreaker

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"sync"

	"github.com/claudego/claude/client/apierror"
)

// A streamed reply's status says little: the API answers 200 and then may
// report overloaded_error in an `event: error` a few events later, the most
// common way it fails under load. So for a 2xx text/event-stream the breaker
// records the outcome when the stream ends instead of when its headers
// arrive: an error event (classified as any mid-stream *APIError: overloaded
// and api errors count), a broken connection, or a clean end. A stream the
// caller closes early says nothing about the service and is not counted.

// isEventStream reports a 2xx server-sent-events reply.
func isEventStream(resp *http.Response) bool {
	if resp == nil || resp.StatusCode/100 != 2 || resp.Body == nil {
		return false
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return mt == "text/event-stream"
}

// maxWatchedLine bounds the part of each line the watcher keeps: event and
// error lines are short; a long delta line is skipped past, not copied.
const maxWatchedLine = 1024

// streamWatch passes the body through unchanged and reports how it ended.
type streamWatch struct {
	io.ReadCloser
	header http.Header
	report func(error) // called once

	once      sync.Once
	line      []byte // the current line's first bytes
	overflow  bool   // the current line is longer than maxWatchedLine
	errorNext bool   // the last event: line was "error"
	streamErr error  // the error event seen, if any
}

func watchStream(resp *http.Response, report func(error)) {
	resp.Body = &streamWatch{ReadCloser: resp.Body, header: resp.Header, report: report}
}

func (w *streamWatch) Read(p []byte) (int, error) {
	n, err := w.ReadCloser.Read(p)
	w.scan(p[:n])
	switch {
	case err == io.EOF:
		w.finish(w.streamErr)
	case err != nil:
		w.finish(err)
	}
	return n, err
}

// Close ends the stream; one closed before its end is not counted unless an
// error event had already arrived.
func (w *streamWatch) Close() error {
	if w.streamErr != nil {
		w.finish(w.streamErr)
	} else {
		w.finish(context.Canceled)
	}
	return w.ReadCloser.Close()
}

func (w *streamWatch) finish(err error) { w.once.Do(func() { w.report(err) }) }

// scan splits what was read into lines, keeping only the start of each.
func (w *streamWatch) scan(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		seg := p
		if i >= 0 {
			seg = p[:i]
		}
		if room := maxWatchedLine - len(w.line); room > 0 {
			w.line = append(w.line, seg[:min(len(seg), room)]...)
		}
		if len(seg) > maxWatchedLine {
			w.overflow = true
		}
		if i < 0 {
			return
		}
		w.endLine(bytes.TrimSuffix(w.line, []byte{'\r'}))
		w.line, w.overflow = w.line[:0], false
		p = p[i+1:]
	}
}

func (w *streamWatch) endLine(l []byte) {
	switch {
	case len(l) == 0:
		w.errorNext = false
	case bytes.HasPrefix(l, []byte("event:")):
		w.errorNext = string(bytes.TrimSpace(l[len("event:"):])) == "error"
	case w.errorNext && bytes.HasPrefix(l, []byte("data:")) && w.streamErr == nil:
		data := bytes.TrimSpace(l[len("data:"):])
		if w.overflow {
			data = []byte(`{"type":"error","error":{"type":"api_error","message":"oversized error event"}}`)
		}
		w.streamErr = apierror.FromEvent("stream", 200, w.header, data)
	}
}

package emulator

import (
	"net"
	"net/http"
	"strconv"
	"time"
)

// defaultAfterEvents is where mid-stream faults strike by default: after
// message_start, the first content_block_start and the ping.
const defaultAfterEvents = 3

// emit writes resp with fault f applied, pacing stream events.
func (x *exchange) emit(w http.ResponseWriter, resp *response, f Fault) {
	if f.Delay > 0 && !x.sleep(f.Delay) {
		return
	}
	if f.Reset == "before" {
		abort(w)
		return
	}
	if f.Status != 0 {
		typ, msg := errorTypeFor(f.Status)
		if f.ErrorType != "" {
			typ = f.ErrorType
		}
		if f.Message != "" {
			msg = f.Message
		}
		resp = x.apiError(f.Status, typ, msg)
		f = Fault{RetryAfter: f.RetryAfter}
	}
	if f.RetryAfter != "" {
		resp.header.Set("retry-after", f.RetryAfter)
	}
	for k, v := range resp.header {
		w.Header()[k] = v
	}
	if resp.events != nil {
		x.emitStream(w, resp, f)
		return
	}
	x.emitBody(w, resp, f)
}

func (x *exchange) emitBody(w http.ResponseWriter, resp *response, f Fault) {
	body := resp.body
	cut := len(body) / 2
	if f.After > 0 {
		cut = min(f.After, len(body))
	}
	if f.Malformed {
		body = append(append([]byte(nil), body[:cut]...), "<<emulator: malformed>>"...)
	}
	switch {
	case f.Reset == "mid":
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(resp.status)
		_, _ = w.Write(body[:cut])
		flush(w)
		abort(w)
	case f.Truncate:
		w.Header().Set("Content-Length", strconv.Itoa(cut))
		w.WriteHeader(resp.status)
		_, _ = w.Write(body[:cut])
	case f.Stall > 0:
		w.WriteHeader(resp.status)
		flush(w)
		if x.sleep(f.Stall) {
			_, _ = w.Write(body)
		}
	default:
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(resp.status)
		_, _ = w.Write(body)
	}
}

// errorEvent is the API's mid-stream error event, formatted as it sends it.
func errorEvent(typ, msg string) []byte {
	return []byte("event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": " +
		strconv.Quote(typ) + ", \"message\": " + strconv.Quote(msg) + "}}\n\n")
}

// malformedEvent is a delta whose data is cut off mid-JSON.
var malformedEvent = []byte("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"cut off\n\n")

func (x *exchange) emitStream(w http.ResponseWriter, resp *response, f Fault) {
	w.WriteHeader(resp.status)
	flush(w)
	pace := x.h.cfg.EventDelay
	if f.Pace > 0 {
		pace = f.Pace
	}
	after := defaultAfterEvents
	if f.After > 0 {
		after = f.After
	}
	after = min(after, len(resp.events))
	// strike applies the mid-stream fault; it reports whether to stop.
	strike := func() bool {
		switch {
		case f.Reset == "mid":
			abort(w)
			return true
		case f.ErrorEvent:
			typ, msg := f.ErrorType, f.Message
			if typ == "" {
				typ = "overloaded_error"
			}
			if msg == "" {
				_, msg = errorTypeFor(529)
				if typ != "overloaded_error" {
					_, msg = errorTypeFor(statusForType(typ))
				}
			}
			_, _ = w.Write(errorEvent(typ, msg))
			flush(w)
			return true
		case f.Truncate:
			return true
		case f.Stall > 0:
			return !x.sleep(f.Stall)
		case f.Malformed:
			_, _ = w.Write(malformedEvent)
			flush(w)
		}
		return false
	}
	for i, ev := range resp.events {
		if i == after && strike() {
			return
		}
		if i > 0 && pace > 0 && !x.sleep(pace) {
			return
		}
		if _, err := w.Write(ev); err != nil {
			return
		}
		flush(w)
	}
	if after == len(resp.events) {
		strike()
	}
}

func statusForType(typ string) int {
	for _, s := range []int{400, 401, 402, 403, 404, 413, 429, 500, 504, 529} {
		if t, _ := errorTypeFor(s); t == typ {
			return s
		}
	}
	return 500
}

// sleep waits d; it returns false when the client went away or the
// emulator is closing.
func (x *exchange) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-x.r.Context().Done():
		return false
	case <-x.h.closed:
		return false
	}
}

func flush(w http.ResponseWriter) {
	_ = http.NewResponseController(w).Flush()
}

// abort drops the connection without finishing the response: a TCP reset
// when the connection can be hijacked, else net/http's abort.
func abort(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

package rttest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// Fault is what Server does with one request.
type Fault string

// The faults Server can inject.
const (
	OK                  Fault = "ok"
	RateLimited         Fault = "429 retry-after 1s"
	RateLimitedLong     Fault = "429 retry-after 30s"
	Overloaded          Fault = "529 overloaded"
	Status500           Fault = "500"
	Status502           Fault = "502"
	Status503           Fault = "503"
	ResetBeforeHeaders  Fault = "reset before headers"
	ResetMidStream      Fault = "reset mid-stream"
	TruncatedStream     Fault = "truncated stream"
	ErrorEventMidStream Fault = "event: error mid-stream"
	ErrorEventPrelude   Fault = "event: error before content"
	MalformedJSON       Fault = "malformed JSON"
	StalledBody         Fault = "stalled body"
	SlowHeaders         Fault = "slow headers"
	HTML502             Fault = "HTML 502 from proxy"
)

// Faults is the fault-injecting Claude API handler behind Server. Plan
// decides the fault of the n-th request (from 1). It answers POST
// /v1/messages with the recorded msg-text-basic body, or the recorded
// stream-text stream when the request asks to stream, and GET/HEAD anything
// else with 200 {}. The event-stream faults (ErrorEvent*) answer a
// non-streaming request with 529. Serve it on a pipenet.Network to run under
// testing/synctest (its waits then run on the bubble's clock), or use Server
// for loopback TCP.
type Faults struct {
	// Plan returns the fault for the n-th request.
	Plan func(n int) Fault
	// SlowDelay is how long SlowHeaders waits. Default 400 ms.
	SlowDelay time.Duration
	// RetryAfter is the wait RateLimited advises. Default 1 s (sent as
	// retry-after: 1); a shorter one is sent as retry-after-ms, so a test on
	// the wall clock need not wait whole seconds. RateLimitedLong always
	// advises 30 s.
	RetryAfter time.Duration

	attempts atomic.Int64
	stop     chan struct{}
	once     sync.Once
}

// NewFaults returns the handler for plan; stalled handlers are released when
// the test ends.
func NewFaults(t testing.TB, plan func(n int) Fault) *Faults {
	f := &Faults{Plan: plan, SlowDelay: 400 * time.Millisecond, RetryAfter: time.Second, stop: make(chan struct{})}
	t.Cleanup(f.release)
	return f
}

// release ends the handlers that wait (StalledBody, SlowHeaders).
func (s *Faults) release() { s.once.Do(func() { close(s.stop) }) }

// Attempts is how many requests the handler has seen.
func (s *Faults) Attempts() int { return int(s.attempts.Load()) }

// Server is Faults served on loopback TCP (httptest), counting its
// connections.
type Server struct {
	*httptest.Server
	*Faults

	open atomic.Int64
}

// NewServer starts a Server closed at the end of the test.
func NewServer(t testing.TB, plan func(n int) Fault) *Server {
	s := &Server{Faults: NewFaults(t, plan)}
	s.Server = httptest.NewUnstartedServer(s.Faults)
	s.Config.ConnState = func(c net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			s.open.Add(1)
		case http.StateClosed, http.StateHijacked:
			s.open.Add(-1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// Close releases stalled handlers and shuts the server down.
func (s *Server) Close() {
	s.release()
	s.Server.Close()
}

// OpenConns is how many connections are open (hijacked ones excluded).
func (s *Server) OpenConns() int { return int(s.open.Load()) }

// WaitNoConns waits up to d for every connection to close and returns the
// number still open.
func (s *Server) WaitNoConns(d time.Duration) int {
	end := time.Now().Add(d)
	for s.OpenConns() > 0 && time.Now().Before(end) {
		time.Sleep(5 * time.Millisecond)
	}
	return s.OpenConns()
}

// DownURL returns the base URL of a loopback port nothing listens on (it was
// free a moment ago): a dial there is refused.
func DownURL(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + l.Addr().String()
	l.Close()
	return u
}

// Always returns a plan with f for every request; Then(f, g) fails with f on
// the first request and answers g after.
func Always(f Fault) func(int) Fault { return func(int) Fault { return f } }

// Then returns a plan giving first for the first n requests and rest after.
func Then(first Fault, n int, rest Fault) func(int) Fault {
	return func(i int) Fault {
		if i <= n {
			return first
		}
		return rest
	}
}

// ServeHTTP answers r with the fault Plan gives it.
func (s *Faults) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	n := int(s.attempts.Add(1))
	if r.Method != http.MethodPost {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{}")
		return
	}
	stream := bytes.Contains(body, []byte(`"stream":true`)) || bytes.Contains(body, []byte(`"stream": true`))
	f := s.Plan(n)
	if !stream && (f == ErrorEventMidStream || f == ErrorEventPrelude) {
		f = Overloaded // a stream-only fault on a non-streaming request
	}
	h := w.Header()
	h.Set("request-id", "req_fault_"+strings.ReplaceAll(string(f), " ", "_"))
	switch f {
	case OK:
		s.ok(w, stream)
	case RateLimited, RateLimitedLong:
		switch {
		case f == RateLimitedLong:
			h.Set("retry-after", "30")
		case s.RetryAfter < time.Second:
			h.Set("retry-after-ms", strconv.FormatInt(s.RetryAfter.Milliseconds(), 10))
		default:
			h.Set("retry-after", strconv.Itoa(int(s.RetryAfter/time.Second)))
		}
		h.Set("anthropic-ratelimit-requests-limit", "50")
		h.Set("anthropic-ratelimit-requests-remaining", "0")
		h.Set("anthropic-ratelimit-requests-reset", time.Now().Add(time.Second).UTC().Format(time.RFC3339))
		apiError(w, 429, "rate_limit_error", "Number of requests has exceeded your rate limit")
	case Overloaded:
		apiError(w, 529, "overloaded_error", "Overloaded")
	case Status500:
		apiError(w, 500, "api_error", "Internal server error")
	case Status502:
		apiError(w, 502, "api_error", "Bad gateway")
	case Status503:
		apiError(w, 503, "api_error", "Service unavailable")
	case HTML502:
		h.Set("Content-Type", "text/html")
		w.WriteHeader(502)
		_, _ = io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n")
	case ResetBeforeHeaders:
		conn := hijack(w)
		reset(conn)
	case ResetMidStream, TruncatedStream:
		conn := hijack(w)
		full := StreamBody
		ct := "text/event-stream"
		if !stream {
			full, ct = MessageBody, "application/json"
		}
		cut := cutAfterContent(full, stream)
		hdr := "HTTP/1.1 200 OK\r\nContent-Type: " + ct + "\r\nConnection: close\r\n"
		if !stream {
			hdr += "Content-Length: " + itoa(len(full)) + "\r\n"
		}
		_, _ = io.WriteString(conn, hdr+"\r\n"+cut)
		time.Sleep(10 * time.Millisecond)
		if f == ResetMidStream {
			reset(conn)
		} else {
			conn.Close()
		}
	case ErrorEventMidStream, ErrorEventPrelude:
		h.Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		prefix := firstEvent(StreamBody)
		if f == ErrorEventMidStream {
			prefix = cutAfterContent(StreamBody, true)
		}
		_, _ = io.WriteString(w, prefix+"event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")
	case MalformedJSON:
		h.Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"msg_broken","type":"message","content":[{"type":"text","text":"unterminated`)
	case StalledBody:
		ct, full := "application/json", MessageBody
		if stream {
			ct, full = "text/event-stream", StreamBody
		}
		h.Set("Content-Type", ct)
		w.WriteHeader(200)
		_, _ = io.WriteString(w, full[:len(full)/3])
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-s.stop:
		}
	case SlowHeaders:
		select {
		case <-time.After(s.SlowDelay):
			s.ok(w, stream)
		case <-r.Context().Done():
		case <-s.stop:
		}
	default:
		panic("rttest: unknown fault " + string(f))
	}
}

// requestLimit is the per-minute request limit the server reports.
const requestLimit = 100_000

func (s *Faults) ok(w http.ResponseWriter, stream bool) {
	h := w.Header()
	// A real server counts what it has seen: remaining falls with every
	// attempt (a fixed value would let a header-learning limiter count the
	// same window down twice under heavy concurrency).
	h.Set("anthropic-ratelimit-requests-limit", strconv.Itoa(requestLimit))
	h.Set("anthropic-ratelimit-requests-remaining", strconv.Itoa(max(0, requestLimit-int(s.Attempts()))))
	h.Set("anthropic-ratelimit-requests-reset", time.Now().Add(time.Minute).UTC().Format(time.RFC3339))
	if stream {
		h.Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, StreamBody)
		return
	}
	h.Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, MessageBody)
}

func apiError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `{"type":"error","error":{"type":"`+typ+`","message":"`+msg+`"},"request_id":"req_fault"}`)
}

func hijack(w http.ResponseWriter) net.Conn {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	return conn
}

// reset closes with RST (linger 0), as a crashed peer or proxy does.
func reset(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

// cutAfterContent returns the body up to and including the first content
// delta event (for JSON, half the body).
func cutAfterContent(full string, stream bool) string {
	if !stream {
		return full[:len(full)/2]
	}
	i := strings.Index(full, "event: content_block_delta")
	j := strings.Index(full[i:], "\n\n")
	return full[:i+j+2]
}

func firstEvent(full string) string {
	return full[:strings.Index(full, "\n\n")+2]
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// MessageBody and StreamBody are the recorded msg-text-basic and stream-text
// responses.
var MessageBody, StreamBody = loadFixture("msg-text-basic/body.json"), loadFixture("stream-text/body.sse")

func loadFixture(rel string) string {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	for _, dir := range []string{filepath.Join(root, "testdata", "recorded"), filepath.Join(root, "..", "shared", "fixtures", "recorded")} {
		if b, err := os.ReadFile(filepath.Join(dir, rel)); err == nil {
			return string(b)
		}
	}
	panic("rttest: fixture not found: " + rel)
}

// ReadStream reads an SSE body to its end with the client's own Stream (no
// SSE reader of its own) and reports what it held: the text of its text
// deltas, the data of an `event: error` (nil when none), whether it
// completed (message_stop), and the error of any other ending.
func ReadStream(r io.Reader) (text string, errData []byte, stopped bool, err error) {
	s := streaming.New(&http.Response{StatusCode: 200, Body: io.NopCloser(r)}, streaming.Config{})
	defer s.Close()
	var b strings.Builder
	for s.Next() {
		if t, ok := s.Event().TextDelta(); ok {
			b.WriteString(t)
		}
	}
	v := s.Verdict()
	var apiErr *client.APIError
	switch {
	case v.Outcome == streaming.OutcomeCompleted:
		stopped = true
	case errors.As(v.Err, &apiErr):
		errData = apiErr.Body
		if errData == nil {
			errData = []byte(apiErr.Type)
		}
	default:
		err = v.Err
	}
	return b.String(), errData, stopped, err
}

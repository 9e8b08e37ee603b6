package streaming_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/claudego/claude/streaming"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const recorded = "../testdata/recorded"

// recordedCase is one stream-* fixture: its SSE body and response headers.
type recordedCase struct {
	name   string
	body   []byte
	header map[string]string
}

func loadStreams(t testing.TB) []recordedCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(recorded, "stream-*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no recorded streams: %v", err)
	}
	sort.Strings(dirs)
	var out []recordedCase
	for _, d := range dirs {
		body, err := os.ReadFile(filepath.Join(d, "body.sse"))
		if err != nil {
			t.Fatal(err)
		}
		var resp struct {
			Headers map[string]string `json:"headers"`
		}
		if b, err := os.ReadFile(filepath.Join(d, "response.json")); err == nil {
			_ = json.Unmarshal(b, &resp)
		}
		out = append(out, recordedCase{name: filepath.Base(d), body: body, header: resp.Headers})
	}
	return out
}

// splitMessages cuts a body holding several streamed messages (one fixture
// concatenates 15) into one body per message.
func splitMessages(body []byte) [][]byte {
	const mark = "event: message_start"
	parts := bytes.Split(body, []byte(mark))
	var out [][]byte
	for i, p := range parts {
		if i == 0 {
			if len(bytes.TrimSpace(p)) > 0 {
				out = append(out, p)
			}
			continue
		}
		out = append(out, append([]byte(mark), p...))
	}
	return out
}

// chunker decides the size of each write: the server flushes after each.
type chunker func() int

func whole() chunker      { return func() int { return 1 << 30 } }
func fixed(n int) chunker { return func() int { return n } }
func random(seed int64) chunker {
	r := rand.New(rand.NewSource(seed))
	return func() int { return 1 + r.Intn(64) }
}

// sseServer serves body as a text/event-stream, written in chunks with a
// flush after each, from a loopback httptest server.
func sseServer(t testing.TB, body []byte, header map[string]string, c chunker) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		fl := w.(http.Flusher)
		for rest := body; len(rest) > 0; {
			n := min(c(), len(rest))
			if _, err := w.Write(rest[:n]); err != nil {
				return
			}
			fl.Flush()
			rest = rest[n:]
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// sseServerFunc serves h (as a text/event-stream) on loopback.
func sseServerFunc(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// httpClient is a client whose idle connections are closed at the end of the
// test, so goleak sees no transport goroutine.
func httpClient(t testing.TB) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// open starts a Stream on srv.
func open(t testing.TB, srv *httptest.Server, cfg streaming.Config) *streaming.Stream {
	t.Helper()
	resp, err := httpClient(t).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	s := streaming.New(resp, cfg)
	t.Cleanup(func() { s.Close() })
	return s
}

// streamBody serves body and returns the stream over it.
func streamBody(t testing.TB, body string, cfg streaming.Config) *streaming.Stream {
	return open(t, sseServer(t, []byte(body), map[string]string{"request-id": "req_test"}, whole()), cfg)
}

// drain runs the stream to its end and returns the event types seen.
func drain(s *streaming.Stream) []string {
	var types []string
	for s.Next() {
		types = append(types, s.Event().Type)
	}
	return types
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sse builds a wire body from (event, data) pairs with LF line ends.
func sse(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != "" {
			b.WriteString("event: " + pairs[i] + "\n")
		}
		b.WriteString("data: " + pairs[i+1] + "\n\n")
	}
	return b.String()
}

// pipeListener hands an http.Server the far ends of in-memory connections,
// so a server can run inside a testing/synctest bubble: time is the
// bubble's, and a write blocks until the client reads (exact flow control).
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error   { l.once.Do(func() { close(l.done) }); return nil }
func (l *pipeListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80} }

// pipeOpen serves h (as a text/event-stream) inside the current synctest
// bubble and starts a Stream on it.
func pipeOpen(t *testing.T, h http.HandlerFunc, cfg streaming.Config) *streaming.Stream {
	t.Helper()
	ln := &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		h(w, r)
	})}
	go func() { _ = srv.Serve(ln) }()
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		a, b := net.Pipe()
		select {
		case ln.conns <- b:
			return a, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}}
	resp, err := (&http.Client{Transport: tr}).Get("http://127.0.0.1/")
	if err != nil {
		t.Fatal(err)
	}
	s := streaming.New(resp, cfg)
	t.Cleanup(func() {
		s.Close()
		tr.CloseIdleConnections()
		_ = srv.Close()
	})
	return s
}

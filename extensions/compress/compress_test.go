package compress_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/compress"
	"github.com/claudego/claude/extensions/retry"
)

const testKey = "sk-ant-test-compress"

const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}`

// received is one request as the server decoded it.
type received struct {
	encoding      string
	contentLength int64
	wire, body    []byte
}

// gzipServer accepts gzip request bodies, as a gateway would, and records
// each request; fail(n) can make the nth answer a 529.
func gzipServer(t *testing.T, fail func(n int) bool) (string, func() []received) {
	t.Helper()
	var mu sync.Mutex
	var got []received
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wire, _ := io.ReadAll(r.Body)
		rec := received{encoding: r.Header.Get("Content-Encoding"), contentLength: r.ContentLength, wire: wire, body: wire}
		if rec.encoding == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(wire))
			if err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			rec.body, _ = io.ReadAll(zr)
		}
		mu.Lock()
		got = append(got, rec)
		n := len(got)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if fail != nil && fail(n) {
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"busy"}}`)
			return
		}
		_, _ = io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []received { mu.Lock(); defer mu.Unlock(); return append([]received(nil), got...) }
}

func request(text string) client.MessageRequest {
	return client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 8, Messages: []client.MessageParam{client.UserText(text)}}
}

// TestLargeBodyGzipped: a body over MinSize goes gzipped with its encoding
// and length, decodes to exactly what the client meant to send (the same
// request without the layer), and a retried attempt resends it.
func TestLargeBodyGzipped(t *testing.T) {
	t.Parallel()
	url, got := gzipServer(t, func(n int) bool { return n == 2 })
	z, err := compress.NewCompressor(compress.Config{MinSize: 1024, Level: gzip.BestSpeed})
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), z.Option(),
		retry.New(retry.Config{BaseDelay: 1, MaxDelay: 1, Jitter: -1}))
	if err != nil {
		t.Fatal(err)
	}
	req := request(strings.Repeat("All work and no play. ", 500))
	if _, err := c.Messages.Create(context.Background(), req, client.WithLayer(client.LayerCompression, nil)); err != nil {
		t.Fatal(err) // the plain request, for comparison
	}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err) // 529 on the first attempt, then retried
	}
	r := got()
	if len(r) != 3 || r[0].encoding != "" {
		t.Fatalf("requests: %d, first encoding %q", len(r), r[0].encoding)
	}
	for _, a := range r[1:] {
		if a.encoding != "gzip" || a.contentLength != int64(len(a.wire)) || !bytes.Equal(a.body, r[0].body) || len(a.wire) >= len(r[0].wire)/5 {
			t.Fatalf("attempt: encoding %q length %d wire %d plain %d same body %v", a.encoding, a.contentLength, len(a.wire), len(r[0].wire), bytes.Equal(a.body, r[0].body))
		}
	}
	if !bytes.Equal(r[1].wire, r[2].wire) {
		t.Error("the retried attempt sent different bytes")
	}
	if s := z.Stats(); s.Compressed != 2 || s.BytesOut >= s.BytesIn {
		t.Errorf("stats %+v", s)
	}
}

// TestSmallOrIncompressibleBodySentAsIs: under MinSize, or when gzip would
// not make it smaller, the body goes untouched.
func TestSmallOrIncompressibleBodySentAsIs(t *testing.T) {
	t.Parallel()
	url, got := gzipServer(t, nil)
	small, _ := compress.NewCompressor(compress.Config{})
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), small.Option())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(context.Background(), request("short")); err != nil {
		t.Fatal(err)
	}
	tiny, _ := compress.NewCompressor(compress.Config{MinSize: 1})
	if _, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}, tiny.Option()); err != nil {
		t.Fatal(err)
	}
	for i, r := range got() {
		if r.encoding != "" {
			t.Errorf("request %d gzipped", i)
		}
	}
	if s := tiny.Stats(); s.Skipped != 1 || s.Compressed != 0 {
		t.Errorf("tiny body: %+v", s)
	}
}

func TestNewRejectsBadSettings(t *testing.T) {
	t.Parallel()
	if _, err := compress.NewCompressor(compress.Config{Level: 42}); err == nil || !strings.Contains(err.Error(), "Level 42") {
		t.Fatalf("level 42: %v", err)
	}
	if _, err := compress.NewCompressor(compress.Config{MinSize: -1}); err == nil {
		t.Fatal("negative MinSize accepted")
	}
}

// TestRecordedRequestsShrink measures the bytes saved on the recorded
// requests of at least DefaultMinSize, and asserts each shrinks.
func TestRecordedRequestsShrink(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "recorded", "*", "request.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded requests: %v", err)
	}
	z, _ := compress.NewCompressor(compress.Config{})
	measured := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < compress.DefaultMinSize {
			continue
		}
		gz := z.Gzip(b)
		if len(gz) >= len(b) {
			t.Errorf("%s: %d bytes gzip to %d", f, len(b), len(gz))
		}
		measured++
		t.Logf("%s: %d -> %d bytes (%.0f%% saved)", filepath.Base(filepath.Dir(f)), len(b), len(gz), 100-100*float64(len(gz))/float64(len(b)))
	}
	if measured == 0 {
		t.Fatal("no recorded request is large enough to measure")
	}
}

// TestGzipStreamDeliveredEventByEvent: a gzip-encoded event stream (the
// transport asks for gzip and decodes it) yields its first event before the
// server has sent the second: nothing waits for the whole body.
func TestGzipStreamDeliveredEventByEvent(t *testing.T) {
	t.Parallel()
	gotFirst := make(chan struct{})
	var sawGzip bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawGzip = strings.Contains(r.Header.Get("Accept-Encoding"), "gzip")
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		send := func(ev, data string) {
			fmt.Fprintf(zw, "event: %s\ndata: %s\n\n", ev, data)
			_ = zw.Flush()
			w.(http.Flusher).Flush()
		}
		send("message_start", `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}`)
		select { // the second event waits until the client has the first
		case <-gotFirst:
		case <-r.Context().Done():
			return
		}
		send("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`)
		send("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}`)
		send("content_block_stop", `{"type":"content_block_stop","index":0}`)
		send("message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}`)
		send("message_stop", `{"type":"message_stop"}`)
		_ = zw.Close()
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Messages.Stream(context.Background(), request("hi"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Next() {
		t.Fatalf("no first event: %v", s.Err())
	}
	close(gotFirst)
	for s.Next() {
	}
	if err := s.Err(); err != nil || s.Message().Text() != "Hi" || !sawGzip {
		t.Fatalf("stream: %v %q gzip asked %v", err, s.Message().Text(), sawGzip)
	}
}

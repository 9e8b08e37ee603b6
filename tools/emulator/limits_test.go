package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// manyBlocks is a valid Messages body with n text blocks: dense JSON whose
// spec validation costs about 70 bytes of memory per byte of body.
func manyBlocks(n int) string {
	return `{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":[` +
		strings.Repeat(`{"type":"text","text":"hello there"},`, n) + `{"type":"text","text":"hi"}]}]}`
}

// A request with more JSON values than the cap is refused before spec
// validation, with the API's 413 and a message naming the cap; the default
// cap refuses the 2 MiB body that cost 147 MB and half a second to validate.
func TestRequestValueCap(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body := call(t, srv, "POST", "/v1/messages", manyBlocks(60000))
	wantAPIError(t, resp, body, http.StatusRequestEntityTooLarge, "request_too_large", "MaxRequestValues")
	if !strings.Contains(string(body), strconv.Itoa(DefaultMaxRequestValues)) {
		t.Fatalf("message does not give the limit: %s", body)
	}
	// Under the cap, the same shape is still validated and answered.
	resp, body = call(t, srv, "POST", "/v1/messages", manyBlocks(100))
	if resp.StatusCode != 200 {
		t.Fatalf("small request: %d %s", resp.StatusCode, body)
	}

	small := setup(t, Config{MaxRequestValues: 50})
	resp, body = call(t, small, "POST", "/v1/messages", manyBlocks(30))
	wantAPIError(t, resp, body, http.StatusRequestEntityTooLarge, "request_too_large", "more than 50 JSON values")
	// Values inside strings do not count.
	resp, body = call(t, small, "POST", "/v1/messages", `{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"`+strings.Repeat(`{[,]}`, 1000)+`"}]}`)
	if resp.StatusCode != 200 {
		t.Fatalf("punctuation inside a string counted: %d %s", resp.StatusCode, body)
	}
}

// A body over MaxRequestBytes gets 413 without being read whole.
func TestRequestByteCap(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{MaxRequestBytes: 1000})
	resp, body := call(t, srv, "POST", "/v1/messages", `{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"`+strings.Repeat("a", 2000)+`"}]}`)
	wantAPIError(t, resp, body, http.StatusRequestEntityTooLarge, "request_too_large", "1000 bytes")
}

func TestJSONValues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want int
	}{
		{`{}`, 1},
		{`[1,2,3]`, 3},
		{`{"a":1,"b":[true,{"c":"x,y"}]}`, 5},
		{`"a\"[,{"`, 0},
		{`[[[[]]]]`, 4},
	} {
		if got := jsonValues([]byte(tc.in), 100); got != tc.want {
			t.Errorf("jsonValues(%s) = %d, want %d", tc.in, got, tc.want)
		}
	}
	if got := jsonValues([]byte(strings.Repeat("[", 1000)), 10); got != 11 {
		t.Errorf("jsonValues stops past the limit: got %d, want 11", got)
	}
}

// With MaxConcurrent requests in their read-and-validate stage, the next one
// waits for a slot instead of adding its cost, and a waiter whose client
// goes away leaves the queue.
func TestConcurrencyCap(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{MaxConcurrent: 1})
	h := srv.Handler()

	// The first request holds the only slot while its body trickles in.
	pr, pw := io.Pipe()
	first := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", srv.URL()+"/v1/messages/count_tokens", pr)
		req.Header.Set("x-api-key", testKey)
		req.Header.Set("anthropic-version", "2023-06-01")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			first <- -1
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	if _, err := pw.Write([]byte(`{"model":"claude-sonnet-4-5",`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return h.active() == 1 })

	// A second request queues; cancelling it frees its place.
	ctx, cancel := context.WithCancel(context.Background())
	second := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL()+"/v1/models", nil)
		req.Header.Set("x-api-key", testKey)
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		second <- err
	}()
	waitFor(t, func() bool { return h.waiting() == 1 })
	cancel()
	if err := <-second; !errors.Is(err, context.Canceled) {
		t.Fatalf("queued request: err = %v, want context.Canceled", err)
	}
	waitFor(t, func() bool { return h.waiting() == 0 })

	// A third request queues until the first finishes, then is served.
	third := make(chan int, 1)
	go func() {
		resp, _, err := do(t, srv, "GET", "/v1/models", "")
		if err != nil {
			third <- -1
			return
		}
		third <- resp.StatusCode
	}()
	waitFor(t, func() bool { return h.waiting() == 1 })
	if _, err := pw.Write([]byte(`"messages":[{"role":"user","content":"hi"}]}`)); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if got := <-first; got != 200 {
		t.Fatalf("first request: %d", got)
	}
	if got := <-third; got != 200 {
		t.Fatalf("queued request: %d", got)
	}
	if h.active() != 0 || h.waiting() != 0 {
		t.Fatalf("slots not released: active %d, waiting %d", h.active(), h.waiting())
	}
}

// waitFor yields until cond holds; the test's own timeout bounds it.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for !cond() {
		runtime.Gosched()
		time.Sleep(time.Millisecond) // yield to the server's goroutines; no assertion depends on it
	}
}

func batchOf(prompt string) string {
	return `{"requests":[{"custom_id":"a","params":{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"` + prompt + `"}]}}]}`
}

// Batches are not kept forever: past MaxBatches the oldest ended batch is
// dropped, and when every kept batch is still in progress a new one is
// refused with a 429 naming the cap.
func TestBatchCountCap(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{MaxBatches: 3})
	var ids []string
	for i := range 5 {
		b := getBatch(t, srv, "POST", "/v1/messages/batches", batchOf(fmt.Sprint("hello ", i)))
		ids = append(ids, b.ID)
		getBatch(t, srv, "GET", "/v1/messages/batches/"+b.ID, "") // ends it
	}
	for i, id := range ids {
		resp, _ := call(t, srv, "GET", "/v1/messages/batches/"+id, "")
		if want := map[bool]int{true: 404, false: 200}[i < 2]; resp.StatusCode != want {
			t.Errorf("batch %d: status %d, want %d", i, resp.StatusCode, want)
		}
	}
	if n := srv.Handler().batchCount(); n != 3 {
		t.Fatalf("kept %d batches, want 3", n)
	}

	busy := setup(t, Config{MaxBatches: 2, BatchProcessing: time.Hour})
	getBatch(t, busy, "POST", "/v1/messages/batches", batchOf("a"))
	getBatch(t, busy, "POST", "/v1/messages/batches", batchOf("b"))
	resp, body := call(t, busy, "POST", "/v1/messages/batches", batchOf("c"))
	wantAPIError(t, resp, body, http.StatusTooManyRequests, "rate_limit_error", "MaxBatches")

	if h, err := New(Config{}); err != nil || h.cfg.MaxBatches != DefaultMaxBatches || h.cfg.MaxStoredBytes != DefaultMaxStoredBytes {
		t.Fatalf("defaults: %+v, %v", h.cfg, err)
	}
}

// The results of kept batches count against MaxStoredBytes: old ended
// batches make room, and a batch that cannot fit is refused.
func TestBatchBytesCap(t *testing.T) {
	t.Parallel()
	// Each batch keeps about 900 bytes of results (max_tokens 100 cuts the echo).
	srv := setup(t, Config{MaxStoredBytes: 1500})
	first := getBatch(t, srv, "POST", "/v1/messages/batches", batchOf(strings.Repeat("a", 1000)))
	getBatch(t, srv, "GET", "/v1/messages/batches/"+first.ID, "")
	second := getBatch(t, srv, "POST", "/v1/messages/batches", batchOf(strings.Repeat("b", 1000)))
	getBatch(t, srv, "GET", "/v1/messages/batches/"+second.ID, "")
	if resp, _ := call(t, srv, "GET", "/v1/messages/batches/"+first.ID, ""); resp.StatusCode != 404 {
		t.Fatalf("oldest batch kept past the byte cap: %d", resp.StatusCode)
	}
	if got := srv.Handler().storedBytes(); got > 1500 || got < 500 {
		t.Fatalf("stored %d bytes, want one batch's under the cap of 1500", got)
	}
	tiny := setup(t, Config{MaxStoredBytes: 500})
	resp, body := call(t, tiny, "POST", "/v1/messages/batches", batchOf(strings.Repeat("c", 1000)))
	wantAPIError(t, resp, body, http.StatusTooManyRequests, "rate_limit_error", "MaxStoredBytes")
}

// Naming the tool of each tool result is linear: 200,000 calls and results
// (2*10^10 comparisons with the old nested scan, minutes of CPU) are named
// at once, each correctly.
func TestToolResultLookupIndexed(t *testing.T) {
	t.Parallel()
	const n = 200000
	req := &Request{Messages: make([]Turn, 2)}
	req.Messages[0].Role = "assistant"
	req.Messages[1].Role = "user"
	for i := range n {
		id := "toolu_" + strconv.Itoa(i)
		req.Messages[0].ToolUses = append(req.Messages[0].ToolUses, ToolCall{ID: id, Name: "tool" + strconv.Itoa(i%7)})
		req.Messages[1].ToolResults = append(req.Messages[1].ToolResults, ToolResult{ToolUseID: id, Content: "ok"})
	}
	rep := EchoResponder(req)
	lines := strings.Split(rep.Text, "\n")
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	for _, i := range []int{0, 1, n / 2, n - 1} {
		if want := fmt.Sprintf("The tool%d tool returned: ok", i%7); lines[i] != want {
			t.Fatalf("line %d = %q, want %q", i, lines[i], want)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

// TestTermWriterStripsControls: escape sequences a hostile reply could use
// on a terminal (OSC 52 clipboard writes, title changes, CSI in 7 and 8
// bits, carriage returns that overwrite a line) are removed; newlines, tabs
// and UTF-8 text stay, even split across writes.
func TestTermWriterStripsControls(t *testing.T) {
	t.Parallel()
	in := []string{
		"safe\ttext\n",
		"\x1b]52;c;ZXZpbA==\x07", "\x1b]0;pwned title\x1b\\",
		"\x1b[2J\u009b31m", "over\rwrite\x7f\x00\x08",
		"caf\xc3", "\xa9 \xf0\x9f\x91", "\x8d \xff\xfe done\n",
	}
	var out bytes.Buffer
	w := &termWriter{w: &out}
	for _, s := range in {
		if n, err := w.Write([]byte(s)); err != nil || n != len(s) {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	want := "safe\ttext\n]52;c;ZXZpbA==]0;pwned title\\[2J31moverwrite" + "café 👍  done\n"
	if got := out.String(); got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if got := termSafe("ended\x1b]52;c;eA==\x07"); got != "ended]52;c;eA==" {
		t.Fatalf("termSafe = %q", got)
	}
}

// fakeTTY is a writer that says it is a character device, as a terminal's
// *os.File does.
type fakeTTY struct{ bytes.Buffer }

type ttyInfo struct{ fs.FileInfo }

func (ttyInfo) Mode() fs.FileMode           { return fs.ModeDevice | fs.ModeCharDevice }
func (*fakeTTY) Stat() (fs.FileInfo, error) { return ttyInfo{}, nil }

// TestCLIFiltersServerTextOnTerminals: a streamed reply and an error
// message full of escapes reach a terminal without them; piped output stays
// byte-exact.
func TestCLIFiltersServerTextOnTerminals(t *testing.T) {
	t.Parallel()
	hostile := "\x1b]52;c;ZXZpbA==\x07"
	srv := httptest.NewServer(fakeReply(hostile))
	t.Cleanup(srv.Close)
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-cli", "ANTHROPIC_BASE_URL": srv.URL}
	var out, errb fakeTTY
	run([]string{"hello"}, &out, &errb, func(k string) string { return env[k] })
	if strings.Contains(out.String()+errb.String(), "\x1b") || !strings.Contains(out.String(), "Hi]52;c;ZXZpbA==") {
		t.Fatalf("terminal got stdout %q stderr %q", out.String(), errb.String())
	}
	var pout, perr bytes.Buffer
	run([]string{"hello"}, &pout, &perr, func(k string) string { return env[k] })
	if !strings.Contains(pout.String(), hostile) {
		t.Fatalf("piped stdout altered: %q", pout.String())
	}
	errSrv := httptest.NewServer(fakeError("bad \x1b]0;title\x07 request"))
	t.Cleanup(errSrv.Close)
	env["ANTHROPIC_BASE_URL"] = errSrv.URL
	errb.Reset()
	if code := run([]string{"hello"}, &out, &errb, func(k string) string { return env[k] }); code != 1 || strings.Contains(errb.String(), "\x1b") || !strings.Contains(errb.String(), "bad ]0;title request") {
		t.Fatalf("code %d, stderr %q", code, errb.String())
	}
}

// TestDrawProgressInconsistentCounts: counts no real batch has (negative,
// or overflowing when summed) draw a bounded bar instead of panicking.
func TestDrawProgressInconsistentCounts(t *testing.T) {
	t.Parallel()
	for _, rc := range []client.MessageBatchRequestCounts{
		{Succeeded: -5, Processing: 3},
		{Succeeded: 10, Processing: -20},
		{Succeeded: 1 << 62, Errored: 1 << 62, Canceled: 1 << 62, Processing: 1 << 62},
		{Succeeded: -1 << 63, Expired: -1},
	} {
		var buf bytes.Buffer
		drawProgress(&session{status: &buf}, &client.MessageBatch{RequestCounts: rc, ProcessingStatus: "in_progress\x1b[2J"})
		line := buf.String()
		if strings.Count(line, "#")+strings.Count(line, "-") < 30 || strings.Contains(line, "\x1b") {
			t.Errorf("%+v: line %q", rc, line)
		}
	}
}

// TestBatchResultsClampsRetryAfter: a retry-after of a day waits at most
// batchMaxPoll.
func TestBatchResultsClampsRetryAfter(t *testing.T) {
	if got := pollWait(time.Second, 24*time.Hour); got != batchMaxPoll {
		t.Fatalf("pollWait = %v, want %v", got, batchMaxPoll)
	}
	if got := pollWait(time.Second, 3*time.Second); got != 3*time.Second {
		t.Fatalf("pollWait = %v, want the retry-after", got)
	}
	oldPoll, oldMax := batchPollInterval, batchMaxPoll
	batchPollInterval, batchMaxPoll = time.Millisecond, time.Millisecond
	t.Cleanup(func() { batchPollInterval, batchMaxPoll = oldPoll, oldMax })
	fake := &batchtest.Server{PollsUntilEnded: 2, RetryAfter: 24 * time.Hour}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-cli", "ANTHROPIC_BASE_URL": srv.URL}
	id := createBatch(t, env)
	if r := runCLI(env, "batch", "results", id); r.code != 0 || !strings.Contains(r.stderr, "100%") {
		t.Fatalf("results: %d %q", r.code, r.stderr)
	}
}

// fakeReply streams a minimal reply whose text is "Hi" then text.
func fakeReply(text string) http.HandlerFunc {
	q, _ := json.Marshal(text)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n")
		fmt.Fprint(w, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")
		fmt.Fprintf(w, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n")
		fmt.Fprintf(w, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":%s}}\n\n", q)
		fmt.Fprint(w, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n")
		fmt.Fprint(w, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n")
		fmt.Fprint(w, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
	}
}

// fakeError answers 400 with message.
func fakeError(message string) http.HandlerFunc {
	q, _ := json.Marshal(message)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"type":"error","error":{"type":"invalid_request_error","message":%s}}`, q)
	}
}

// createBatch submits one request through the CLI and returns the batch ID.
func createBatch(t *testing.T, env map[string]string) string {
	t.Helper()
	item := client.BatchRequestItem{CustomID: "q0", Params: client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 32, Messages: []client.MessageParam{client.UserText("hi")},
	}}
	raw, _ := json.Marshal(item)
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, append(raw, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(env, "batch", "submit", path)
	if r.code != 0 {
		t.Fatalf("submit: %d %s", r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

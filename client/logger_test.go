package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/retry"
)

// logSink is a JSON slog handler's output, read back line by line in the
// style of testing/slogtest: every record as a map.
type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *logSink) logger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(s, &slog.HandlerOptions{Level: level}))
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func (s *logSink) records(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, line)
		}
		out = append(out, m)
	}
	return out
}

// find returns the first record with msg, failing when there is none.
func find(t *testing.T, recs []map[string]any, msg string) map[string]any {
	t.Helper()
	for _, r := range recs {
		if r["msg"] == msg {
			return r
		}
	}
	t.Fatalf("no %q record in %v", msg, recs)
	return nil
}

func messagesOf(recs []map[string]any) string {
	var ms []string
	for _, r := range recs {
		ms = append(ms, fmt.Sprint(r["level"], " ", r["msg"]))
	}
	return strings.Join(ms, "; ")
}

const okReply = `{"id":"msg_l","type":"message","role":"assistant","model":"claude-r","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","usage":{"input_tokens":11,"output_tokens":22,"cache_read_input_tokens":33,"cache_creation_input_tokens":44}}`

// TestLoggerInfo: at INFO a call logs its start and its completion with
// the operation, model, request-id, status, duration, tokens and stop
// reason; nothing at DEBUG.
func TestLoggerInfo(t *testing.T) {
	t.Parallel()
	var sink logSink
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_log")
		_, _ = io.WriteString(w, okReply)
	}), client.WithLogger(sink.logger(slog.LevelInfo)))
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
		t.Fatal(err)
	}
	recs := sink.records(t)
	if got := messagesOf(recs); got != "INFO claude request; INFO claude response" {
		t.Fatalf("records: %s", got)
	}
	start, done := recs[0], recs[1]
	if start["op"] != "messages.create" || start["model"] != "claude-haiku-4-5" {
		t.Fatalf("start %v", start)
	}
	want := map[string]any{"op": "messages.create", "model": "claude-r", "request_id": "req_log", "status": 200.0,
		"input_tokens": 11.0, "output_tokens": 22.0, "cache_read_tokens": 33.0, "cache_creation_tokens": 44.0, "stop_reason": "end_turn"}
	for k, v := range want {
		if done[k] != v {
			t.Errorf("%s = %v, want %v", k, done[k], v)
		}
	}
	if d, ok := done["duration"].(float64); !ok || d <= 0 {
		t.Errorf("duration %v", done["duration"])
	}
}

// TestLoggerLevels: a retry and a low rate-limit budget are WARN; a failed
// call (authentication flagged), an opened circuit and a failed stream are
// ERROR; a stream's start and end are INFO with its outcome.
func TestLoggerLevels(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("case") {
		case "auth":
			w.WriteHeader(401)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`)
		case "down":
			w.WriteHeader(500)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"down"}}`)
		case "stream":
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, sseStream("message_start", obsStart, "content_block_start", obsBlock, "content_block_delta", obsDelta,
				"message_delta", obsMDelt, "message_stop", `{"type":"message_stop"}`))
		case "cut":
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, sseStream("message_start", obsStart))
		default:
			if n.Add(1) == 1 {
				w.WriteHeader(529)
				_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
				return
			}
			w.Header().Set("anthropic-ratelimit-requests-limit", "100")
			w.Header().Set("anthropic-ratelimit-requests-remaining", "3")
			_, _ = io.WriteString(w, okReply)
		}
	}))
	run := func(t *testing.T, call func(l *slog.Logger)) []map[string]any {
		var sink logSink
		call(sink.logger(slog.LevelInfo))
		return sink.records(t)
	}
	ctx := context.Background()
	fast := retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})

	recs := run(t, func(l *slog.Logger) {
		if _, err := c.Messages.Create(ctx, minimalRequest(), client.WithLogger(l), fast); err != nil {
			t.Fatal(err)
		}
	})
	if r := find(t, recs, "claude retry"); r["level"] != "WARN" || r["status"] != 529.0 || r["attempt"] != 1.0 || !strings.Contains(fmt.Sprint(r["error"]), "Overloaded") {
		t.Fatalf("retry %v", r)
	}
	if r := find(t, recs, "claude rate limit budget low"); r["level"] != "WARN" || r["limit"] != "requests" || r["remaining"] != 3.0 || r["of"] != 100.0 {
		t.Fatalf("budget %v", r)
	}

	recs = run(t, func(l *slog.Logger) {
		_, _ = c.Messages.Create(ctx, minimalRequest(), client.WithLogger(l), withQuery("case", "auth"))
	})
	if r := find(t, recs, "claude request failed"); r["level"] != "ERROR" || r["auth"] != true || r["status"] != 401.0 {
		t.Fatalf("auth failure %v", r)
	}

	recs = run(t, func(l *slog.Logger) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, _ = c.Messages.Create(cctx, minimalRequest(), client.WithLogger(l))
	})
	if r := find(t, recs, "claude request canceled"); r["level"] != "WARN" {
		t.Fatalf("canceled call %v", r)
	}

	breaker := circuitbreaker.New(circuitbreaker.Config{Name: "api", FailureThreshold: 1})
	recs = run(t, func(l *slog.Logger) {
		_, _ = c.Messages.Create(ctx, minimalRequest(), client.WithLogger(l), withQuery("case", "down"), breaker)
	})
	if r := find(t, recs, "claude circuit open"); r["level"] != "ERROR" || r["breaker"] != "api" || r["from"] != "closed" || r["to"] != "open" {
		t.Fatalf("circuit %v", r)
	}

	recs = run(t, func(l *slog.Logger) {
		s, err := c.Messages.Stream(ctx, minimalRequest(), client.WithLogger(l), withQuery("case", "stream"))
		if err != nil {
			t.Fatal(err)
		}
		for s.Next() {
		}
	})
	if got := messagesOf(recs); got != "INFO claude stream start; INFO claude stream end" {
		t.Fatalf("stream records: %s", got)
	}
	if r := find(t, recs, "claude stream end"); r["outcome"] != "completed" || r["output_tokens"] != 5.0 || r["model"] != "claude-x" {
		t.Fatalf("stream end %v", r)
	}

	recs = run(t, func(l *slog.Logger) {
		s, err := c.Messages.Stream(ctx, minimalRequest(), client.WithLogger(l), withQuery("case", "cut"))
		if err != nil {
			t.Fatal(err)
		}
		for s.Next() {
		}
	})
	if r := find(t, recs, "claude stream end"); r["level"] != "ERROR" || r["outcome"] != "truncated" || r["error"] == nil {
		t.Fatalf("truncated stream %v", r)
	}
}

// TestLoggerNeverLogsSecrets runs plain, streamed, retried and failing
// calls, with an API key, an auth token and an admin key, under a DEBUG
// logger with bodies on, and finds no credential in any line
// (ARCHITECTURE.md, rule 4): credential headers read [REDACTED], base64
// data is elided, the rest of the body is shown.
func TestLoggerNeverLogsSecrets(t *testing.T) {
	t.Parallel()
	const adminKey = "sk-ant-admin01-test-0123456789abcdef-admin"
	const token = "sk-ant-test-token-0123456789abcdef-bearer"
	var n atomic.Int32
	var sink logSink
	l := sink.logger(slog.LevelDebug)
	url := newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_sec")
		switch {
		case strings.Contains(r.URL.Path, "/organizations/"):
			_, _ = io.WriteString(w, `{"id":"user_1","type":"user","email":"a@b.c","name":"A","role":"user","added_at":"2025-01-01T00:00:00Z"}`)
		case r.URL.Query().Get("case") == "fail":
			w.WriteHeader(401)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`)
		case r.URL.Query().Get("case") == "stream":
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, sseStream("message_start", obsStart, "content_block_start", obsBlock, "content_block_delta", obsDelta,
				"message_delta", obsMDelt, "message_stop", `{"type":"message_stop"}`))
		case n.Add(1) == 1:
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, okReply)
		}
	}))
	c, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey(adminKey), client.WithBaseURL(url), client.WithLogger(l), client.WithLogBodies(),
		retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	image := bytes.Repeat([]byte("\x89PNG\r\n\x1a\nIMAGEDATA"), 40)
	req := minimalRequest()
	req.Messages = []client.MessageParam{client.UserBlocks(client.TextBlockParamOf("describe"), client.ImageBytes("image/png", image))}
	if _, err := c.Messages.Create(ctx, req); err != nil { // retried once
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(ctx, minimalRequest(), withQuery("case", "fail")); err == nil {
		t.Fatal("want the 401")
	}
	s, err := c.Messages.Stream(ctx, minimalRequest(), withQuery("case", "stream"))
	if err != nil {
		t.Fatal(err)
	}
	for s.Next() {
	}
	if _, err := c.Organization.Users.Get(ctx, "user_1"); err != nil {
		t.Fatal(err)
	}
	tc, err := client.New(client.WithAuthToken(token), client.WithBaseURL(url), client.WithLogger(l), client.WithLogBodies())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tc.Messages.Create(ctx, minimalRequest()); err != nil {
		t.Fatal(err)
	}

	out := sink.String()
	for _, secret := range []string{testKey, adminKey, token} {
		for _, needle := range []string{secret, secret[7:20], secret[len(secret)-12:]} {
			if i := strings.Index(out, needle); i >= 0 {
				t.Fatalf("log contains a credential (%q) near %q", needle, out[max(0, i-200):i])
			}
		}
	}
	recs := sink.records(t)
	var apiKeyHeaders, authHeaders, bodies int
	for _, r := range recs {
		if h, ok := r["header"].(map[string]any); ok {
			if v, ok := h["X-Api-Key"]; ok {
				apiKeyHeaders++
				if v != "[REDACTED]" {
					t.Errorf("x-api-key logged as %v", v)
				}
			}
			if v, ok := h["Authorization"]; ok {
				authHeaders++
				if v != "[REDACTED]" {
					t.Errorf("authorization logged as %v", v)
				}
			}
		}
		if b, ok := r["body"].(string); ok && r["msg"] == "claude attempt" {
			bodies++
			if !strings.Contains(b, `"model":"claude-haiku-4-5"`) {
				t.Errorf("request body not shown: %s", b)
			}
		}
	}
	if apiKeyHeaders < 4 || authHeaders == 0 || bodies < 5 {
		t.Fatalf("%d x-api-key, %d authorization headers, %d bodies logged:\n%s", apiKeyHeaders, authHeaders, bodies, out)
	}
	b64 := base64.StdEncoding.EncodeToString(image)
	if strings.Contains(out, b64[:40]) || !strings.Contains(out, fmt.Sprintf("[%d bytes of base64 elided]", len(b64))) {
		t.Fatalf("base64 image data not elided:\n%s", out)
	}
	if r := find(t, recs, "claude response body"); !strings.Contains(fmt.Sprint(r["body"]), `"stop_reason":"end_turn"`) {
		t.Fatalf("response body %v", r)
	}
	if find(t, recs, "claude stream end")["outcome"] != "completed" {
		t.Fatal("stream not logged")
	}
}

// TestLoggerOptions: a call's WithLogger replaces the client's, and
// WithLogger(nil) turns logging off for one call; New refuses a nil logger.
func TestLoggerOptions(t *testing.T) {
	t.Parallel()
	var clientSink, callSink logSink
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, okReply)
	}), client.WithLogger(clientSink.logger(slog.LevelInfo)))
	ctx := context.Background()
	if _, err := c.Messages.Create(ctx, minimalRequest(), client.WithLogger(callSink.logger(slog.LevelInfo))); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(ctx, minimalRequest(), client.WithLogger(nil)); err != nil {
		t.Fatal(err)
	}
	if clientSink.String() != "" || len(callSink.records(t)) != 2 {
		t.Fatalf("client log %q; call log %q", clientSink.String(), callSink.String())
	}
	if _, err := c.Messages.Create(ctx, minimalRequest()); err != nil {
		t.Fatal(err)
	}
	if len(clientSink.records(t)) != 2 {
		t.Fatalf("client log %q", clientSink.String())
	}
	if _, err := client.New(client.WithLogger(nil)); err == nil || !strings.Contains(err.Error(), "WithLogger") {
		t.Fatalf("New(WithLogger(nil)): %v", err)
	}
}

package diagnostics_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
	"github.com/claudego/claude/extensions/retry"
)

const testKey = "sk-ant-test-diag-0123456789"

const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`

// seen is what the server received.
type seen struct {
	mu   sync.Mutex
	key  []string
	auth []string
	body [][]byte
	path []string
}

func newServer(t *testing.T, s *seen, status func(n int64) int) string {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.key = append(s.key, r.Header.Get("x-api-key"))
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.body = append(s.body, b)
		s.path = append(s.path, r.URL.Path)
		s.mu.Unlock()
		code := 200
		if status != nil {
			code = status(n.Add(1))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		if code == 200 {
			_, _ = io.WriteString(w, reply)
		} else {
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"busy"}}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func request(text string) client.MessageRequest {
	return client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText(text)}}
}

// runCurl runs the command with the credential in the environment only.
func runCurl(t *testing.T, cmd, envName string) {
	t.Helper()
	c := exec.Command("sh", "-c", cmd+" --silent --show-error --fail-with-body -o /dev/null")
	c.Env = append(os.Environ(), envName+"="+testKey)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("running the cURL command: %v\n%s\n%s", err, out, cmd)
	}
}

// TestCurlReplaysTheRequest: the printed command, run by a shell with the
// key only in $ANTHROPIC_API_KEY, sends the same path, key and body (with a
// quote in it) as the client did; the printout never holds the key.
func TestCurlReplaysTheRequest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		maxInline int
		auth      client.Option
		env       string
	}{
		{"inline, api key", 0, client.WithAPIKey(testKey), "ANTHROPIC_API_KEY"},
		{"body from a file, bearer", 64, client.WithAuthToken(testKey), "ANTHROPIC_AUTH_TOKEN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := &seen{}
			url := newServer(t, s, nil)
			var out bytes.Buffer
			d := diagnostics.NewDiagnostics(diagnostics.Config{Curl: &out, CurlMaxInline: tc.maxInline, BodyDir: t.TempDir()})
			c, err := client.New(tc.auth, client.WithBaseURL(url), d.Option())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Messages.Create(context.Background(), request("It's a \"test\" with $HOME and `backticks`")); err != nil {
				t.Fatal(err)
			}
			cmd := strings.TrimSpace(out.String())
			if strings.Contains(cmd, testKey) || !strings.Contains(cmd, "$"+tc.env) {
				t.Fatalf("command shows the key or lacks $%s:\n%s", tc.env, cmd)
			}
			if tc.maxInline > 0 && !strings.Contains(cmd, "--data-binary '@"+filepath.Clean(os.TempDir())) && !strings.Contains(cmd, "--data-binary '@/") {
				t.Fatalf("large body not read from a file:\n%s", cmd)
			}
			runCurl(t, cmd, tc.env)
			s.mu.Lock()
			defer s.mu.Unlock()
			if len(s.body) != 2 || !bytes.Equal(s.body[0], s.body[1]) || s.path[0] != s.path[1] ||
				s.key[0] != s.key[1] || s.auth[0] != s.auth[1] {
				t.Fatalf("the command sent something else:\nclient: %s %q %q %s\ncurl:   %s %q %q %s", s.path[0], s.key[0], s.auth[0], s.body[0], s.path[1], s.key[1], s.auth[1], s.body[1])
			}
		})
	}
}

// TestTracePerAttempt: a retried call reports each attempt with its status;
// a second call reuses the kept-alive connection.
func TestTracePerAttempt(t *testing.T) {
	t.Parallel()
	url := newServer(t, &seen{}, func(n int64) int {
		if n == 1 {
			return 529
		}
		return 200
	})
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url),
		retry.New(retry.Config{BaseDelay: 1, MaxDelay: 1, Jitter: -1}))
	if err != nil {
		t.Fatal(err)
	}
	var attempts []diagnostics.Attempt
	if _, err := c.Messages.Create(context.Background(), request("hi"), diagnostics.Trace(&attempts)); err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 2 || attempts[0].Status != 529 || attempts[1].Status != 200 {
		t.Fatalf("attempts: %+v", attempts)
	}
	first := attempts[0]
	if first.Reused || first.Connect <= 0 || first.FirstByte <= 0 || first.Total < first.FirstByte || first.RemoteAddr == "" {
		t.Errorf("first attempt (new connection): %+v", first)
	}
	if !attempts[1].Reused || attempts[1].Connect != 0 {
		t.Errorf("second attempt should reuse the connection: %+v", attempts[1])
	}
}

// TestLoggerNeverShowsTheKey: the logger gets the cURL command and the
// timing; neither holds the key.
func TestLoggerNeverShowsTheKey(t *testing.T) {
	t.Parallel()
	url := newServer(t, &seen{}, nil)
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), diagnostics.NewDiagnostics(diagnostics.Config{Logger: log}).Option())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(context.Background(), request("hi")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, testKey) || !strings.Contains(out, `"msg":"claude request"`) || !strings.Contains(out, `"msg":"claude attempt"`) || !strings.Contains(out, `"status":200`) {
		t.Fatalf("log:\n%s", out)
	}
}

// TestLoggerRedactsAsTheClientLogger: the logged command follows the
// client's logger's rule (internal/redact): a base64 image is elided to its
// length and a header that may carry a credential reads [REDACTED], while
// the replayable command written to Curl keeps the body.
func TestLoggerRedactsAsTheClientLogger(t *testing.T) {
	t.Parallel()
	url := newServer(t, &seen{}, nil)
	var logBuf, curlBuf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url),
		client.WithHeader("x-gateway-token", "gw-secret-123"),
		diagnostics.NewDiagnostics(diagnostics.Config{Logger: log, Curl: &curlBuf}).Option())
	if err != nil {
		t.Fatal(err)
	}
	raw := bytes.Repeat([]byte("\x89PNG pixels "), 15)
	pixels := base64.StdEncoding.EncodeToString(raw)
	req := request("what is this?")
	req.Messages = []client.MessageParam{client.UserBlocks(client.ImageBytes("image/png", raw))}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	logged := logBuf.String()
	for _, leak := range []string{pixels, "gw-secret-123", testKey} {
		if strings.Contains(logged, leak) {
			t.Errorf("the log shows %q:\n%s", leak, logged)
		}
	}
	if !strings.Contains(logged, "["+strconv.Itoa(len(pixels))+" bytes of base64 elided]") || !strings.Contains(logged, "x-gateway-token: [REDACTED]") {
		t.Errorf("the log does not show the elision and the redaction:\n%s", logged)
	}
	if !strings.Contains(curlBuf.String(), pixels) || strings.Contains(curlBuf.String(), "gw-secret-123") {
		t.Errorf("the replayable command lost its body or shows the gateway token:\n%s", curlBuf.String())
	}
}

package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claudego/claude/client"
)

// TestCreateDecodesEveryRecordedMessage serves each recorded non-streamed
// Messages response and checks that the decoded Message re-encodes to the
// same JSON (lossless: ARCHITECTURE.md, rule 2) and survives ToParam byte for byte.
func TestCreateDecodesEveryRecordedMessage(t *testing.T) {
	t.Parallel()
	for _, rc := range recordedCases(t, "/v1/messages") {
		if rc.Stream || rc.Status != 200 {
			continue
		}
		t.Run(rc.Name, func(t *testing.T) {
			t.Parallel()
			c := setup(t, serveCase(rc))
			msg, err := c.Messages.Create(context.Background(), minimalRequest())
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			if msg.ID == "" || len(msg.Content) == 0 {
				t.Fatalf("decoded message lacks id or content: %+v", msg)
			}
			again, err := json.Marshal(msg)
			if err != nil {
				t.Fatalf("re-encoding: %v", err)
			}
			if d := cmp.Diff(canonicalJSON(t, rc.Body), canonicalJSON(t, again)); d != "" {
				t.Errorf("re-encoded message differs from the recorded body (-recorded +ours):\n%s", d)
			}
			param := msg.ToParam()
			pj, err := json.Marshal(param)
			if err != nil {
				t.Fatalf("encoding ToParam: %v", err)
			}
			var got struct {
				Role    string            `json:"role"`
				Content []json.RawMessage `json:"content"`
			}
			if err := json.Unmarshal(pj, &got); err != nil {
				t.Fatalf("decoding ToParam: %v", err)
			}
			var want struct {
				Content []json.RawMessage `json:"content"`
			}
			if err := json.Unmarshal(rc.Body, &want); err != nil {
				t.Fatal(err)
			}
			if got.Role != "assistant" || len(got.Content) != len(want.Content) {
				t.Fatalf("ToParam: role %q with %d blocks, want assistant with %d", got.Role, len(got.Content), len(want.Content))
			}
			for i := range want.Content {
				if d := cmp.Diff(canonicalJSON(t, want.Content[i]), canonicalJSON(t, got.Content[i])); d != "" {
					t.Errorf("ToParam block %d changed (-recorded +param):\n%s", i, d)
				}
			}
		})
	}
}

// TestRecordedRequestsRoundTrip decodes every recorded request body into
// MessageRequest or CountTokensRequest and re-encodes it: a property the spec
// lacks would be lost here.
func TestRecordedRequestsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, rc := range recordedCases(t, "/v1/messages", "/v1/messages/count_tokens") {
		if rc.Request == nil || rc.Name == "error-400-invalid-request" {
			continue // no body recorded, or the one whose messages the API rejected as malformed
		}
		t.Run(rc.Name, func(t *testing.T) {
			t.Parallel()
			var out []byte
			var err error
			if rc.Endpoint == "/v1/messages/count_tokens" {
				var req client.CountTokensRequest
				if err := json.Unmarshal(rc.Request, &req); err != nil {
					t.Fatalf("decoding request: %v", err)
				}
				out, err = json.Marshal(req)
			} else {
				var req client.MessageRequest
				if err := json.Unmarshal(rc.Request, &req); err != nil {
					t.Fatalf("decoding request: %v", err)
				}
				out, err = json.Marshal(req)
			}
			if err != nil {
				t.Fatalf("re-encoding: %v", err)
			}
			if d := cmp.Diff(canonicalRequestJSON(t, rc.Request), canonicalRequestJSON(t, out)); d != "" {
				t.Errorf("request did not round-trip (-recorded +ours):\n%s", d)
			}
		})
	}
}

// TestCountTokensRecorded decodes the recorded count_tokens responses.
func TestCountTokensRecorded(t *testing.T) {
	t.Parallel()
	for _, rc := range recordedCases(t, "/v1/messages/count_tokens") {
		if rc.Status != 200 {
			continue
		}
		t.Run(rc.Name, func(t *testing.T) {
			t.Parallel()
			var want struct {
				InputTokens int64 `json:"input_tokens"`
			}
			if err := json.Unmarshal(rc.Body, &want); err != nil {
				t.Fatal(err)
			}
			var gotPath string
			c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotPath = r.URL.Path
				serveCase(rc)(w, r)
			}))
			n, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{
				Model:    "claude-haiku-4-5",
				Messages: []client.MessageParam{client.UserText("Hi")},
			})
			if err != nil {
				t.Fatalf("CountTokens: %v", err)
			}
			if n.InputTokens != want.InputTokens || gotPath != "/v1/messages/count_tokens" {
				t.Fatalf("got %d tokens at %s, want %d at /v1/messages/count_tokens", n.InputTokens, gotPath, want.InputTokens)
			}
		})
	}
}

// TestCreateSendsStreamFalseAndBody checks the wire body of Create.
func TestCreateSendsStreamFalseAndBody(t *testing.T) {
	t.Parallel()
	var body map[string]any
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &body)
		w.Header().Set("content-type", "application/json")
		_, _ = io.WriteString(w, `{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],"model":"m","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`)
	}))
	req := minimalRequest()
	req.Stream = true // Create must not stream whatever the caller set
	msg, err := c.Messages.Create(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if msg.Text() != "hi" {
		t.Fatalf("Text() = %q, want hi", msg.Text())
	}
	if _, ok := body["stream"]; ok {
		t.Fatalf("Create sent stream: %v", body["stream"])
	}
	if body["model"] != "claude-haiku-4-5" || body["max_tokens"] != float64(64) {
		t.Fatalf("unexpected body %v", body)
	}
}

// TestLongRequestGuard: a non-streaming request whose max_tokens implies more
// than ten minutes fails before any I/O unless the caller set a timeout.
func TestLongRequestGuard(t *testing.T) {
	t.Parallel()
	calls := 0
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("content-type", "application/json")
		_, _ = io.WriteString(w, `{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`)
	}))
	req := minimalRequest()
	req.MaxTokens = 64000 // 30 minutes by the API's rule
	_, err := c.Messages.Create(context.Background(), req)
	if !errors.Is(err, client.ErrStreamingRequired) {
		t.Fatalf("err = %v, want ErrStreamingRequired", err)
	}
	// The error says what to do: stream, or set a timeout.
	for _, want := range []string{"claude: messages.create: ", "max_tokens 64000", "Messages.Stream", "WithTimeout", "deadline"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if calls != 0 {
		t.Fatalf("guard sent %d requests", calls)
	}
	if _, err := c.Messages.Create(context.Background(), req, client.WithTimeout(30*time.Minute)); err != nil {
		t.Fatalf("with a timeout the request must go out: %v", err)
	}
	req.MaxTokens = 21000 // just under ten minutes
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatalf("a request under ten minutes must go out: %v", err)
	}
	if calls != 2 {
		t.Fatalf("server saw %d requests, want 2", calls)
	}
}

// TestBaseURLWithPathPrefix: a gateway base URL with a path keeps it.
func TestBaseURLWithPathPrefix(t *testing.T) {
	t.Parallel()
	var got string
	srv := newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path
		_, _ = io.WriteString(w, `{"input_tokens":1}`)
	}))
	for _, base := range []string{srv + "/gateway/anthropic", srv + "/gateway/anthropic/"} {
		c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(base))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}); err != nil {
			t.Fatal(err)
		}
		if got != "/gateway/anthropic/v1/messages/count_tokens" {
			t.Fatalf("base %s: path %q", base, got)
		}
	}
}

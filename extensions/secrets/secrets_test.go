package secrets_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/secrets"
)

const testKey = "sk-ant-test-secrets-abcdef"

const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}`

func request() client.MessageRequest {
	return client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 8, Messages: []client.MessageParam{client.UserText("hi")}}
}

func TestCheckKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, want string }{
		{testKey + "\n", "a line break at byte 26"},
		{" " + testKey, "whitespace at byte 0"},
		{`"` + testKey + `"`, "a quote at byte 0"},
		{"sk-ant-te st", "whitespace at byte 9"},
		{"sk-ant-\x00", "control byte 0x00 at byte 7"},
		{"sk-ant-é", "non-ASCII byte at byte 7"},
		{"", "empty"},
	} {
		err := secrets.CheckKey(tc.key)
		if !errors.Is(err, secrets.ErrMalformedKey) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckKey(%q) = %v, want %q", tc.key, err, tc.want)
		}
		if tc.key != "" && strings.Contains(err.Error(), strings.TrimSpace(tc.key)) {
			t.Errorf("error shows the key: %v", err)
		}
	}
	if err := secrets.CheckKey(testKey); err != nil {
		t.Errorf("good key refused: %v", err)
	}
}

// TestAPIKeyFailsNew: the checked option makes client.New fail fast.
func TestAPIKeyFailsNew(t *testing.T) {
	t.Parallel()
	_, err := client.New(secrets.APIKey(testKey+"\r\n"), client.WithBaseURL("http://127.0.0.1:1"))
	if !errors.Is(err, secrets.ErrMalformedKey) || !strings.Contains(err.Error(), "line break") {
		t.Fatalf("New = %v", err)
	}
	if _, err := client.New(secrets.APIKey(testKey), client.WithBaseURL("http://127.0.0.1:1")); err != nil {
		t.Fatal(err)
	}
	if _, err := client.New(secrets.AuthToken("tok en"), client.WithBaseURL("http://127.0.0.1:1")); !errors.Is(err, secrets.ErrMalformedKey) {
		t.Fatalf("AuthToken: %v", err)
	}
}

// TestLayerRefusesMalformedKey: a key with a trailing space never leaves the
// process.
func TestLayerRefusesMalformedKey(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey+" "), client.WithBaseURL(srv.URL), secrets.NewAuditor(secrets.Config{}).Option())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Messages.Create(context.Background(), request())
	if !errors.Is(err, secrets.ErrMalformedKey) || hits.Load() != 0 || strings.Contains(err.Error(), testKey) {
		t.Fatalf("err = %v, server hits %d", err, hits.Load())
	}
}

// fakeAnthropic answers as api.anthropic.com would, without a network.
func fakeAnthropic(hits *atomic.Int64) *http.Client {
	return &http.Client{Transport: client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		hits.Add(1)
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(reply)), Request: r}, nil
	})}
}

// TestForeignKeyToAnthropicHost: a key without sk-ant- bound for
// api.anthropic.com is refused by default, or reported and sent when the
// caller says so; to a gateway it is not checked.
func TestForeignKeyToAnthropicHost(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	c, err := client.New(client.WithAPIKey("gw-key-123"), client.WithBaseURL("https://api.anthropic.com"),
		client.WithHTTPClient(fakeAnthropic(&hits)), secrets.NewAuditor(secrets.Config{}).Option())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Messages.Create(context.Background(), request())
	if !errors.Is(err, secrets.ErrUnexpectedFormat) || hits.Load() != 0 || strings.Contains(err.Error(), "gw-key-123") {
		t.Fatalf("err = %v, sent %d", err, hits.Load())
	}
	var reported []error
	l := secrets.NewAuditor(secrets.Config{OnUnexpectedFormat: func(err error) { reported = append(reported, err) }})
	if _, err := c.Messages.Create(context.Background(), request(), l.Option()); err != nil || len(reported) != 1 || hits.Load() != 1 {
		t.Fatalf("reporting mode: %v, %v, sent %d", err, reported, hits.Load())
	}
	if err := secrets.CheckHost("gw-key-123", "gateway.example.com:443"); err != nil {
		t.Fatalf("gateway checked: %v", err)
	}
	if err := secrets.CheckHost("gw-key-123", "API.Anthropic.com:443"); err == nil {
		t.Fatal("host with port and capitals not checked")
	}
}

// TestAuditSeesEveryUse: each attempt is one use, counted per key, with the
// key's hash and never the key.
func TestAuditSeesEveryUse(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, reply) }))
	t.Cleanup(srv.Close)
	var uses []secrets.Use
	l := secrets.NewAuditor(secrets.Config{Audit: func(u secrets.Use) { uses = append(uses, u) }})
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL), l.Option())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Messages.Create(context.Background(), request()); err != nil {
			t.Fatal(err)
		}
	}
	if len(uses) != 3 || uses[2].Count != 3 || uses[0].Hash != secrets.Hash(testKey) || len(uses[0].Hash) != 12 || uses[0].Path != "/v1/messages" || uses[0].Header != "x-api-key" {
		t.Fatalf("uses: %+v", uses)
	}
	if s := fmt.Sprintf("%+v %#v", uses, uses); strings.Contains(s, testKey) {
		t.Fatal("a Use shows the key")
	}
}

package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestSecretsNeverPrinted formats everything that could hold the key (the
// client, its options, the Secret, every error type, a slog record) with
// every verb and json.Marshal, and finds no key (ARCHITECTURE.md, rule 4).
func TestSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_x")
		w.WriteHeader(401)
		_, _ = w.Write([]byte(`{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`))
	}))
	_, apiErr := c.Messages.Create(context.Background(), minimalRequest())
	if apiErr == nil {
		t.Fatal("want an error")
	}
	bad := minimalRequest()
	bad.Model = ""
	_, valErr := c.Messages.Create(context.Background(), bad)
	_, optErr := client.New(client.WithAPIKey(testKey), client.WithBaseURL("http://example.com"))
	_, hdrErr := client.New(client.WithHeader("x-api-key", testKey))
	secret := client.NewSecret(testKey)
	tokenClient, err := client.New(client.WithAuthToken(testKey), client.WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]any{
		"client": c, "client value": *c, "token client": tokenClient, "secret": secret, "secret ptr": &secret,
		"api error": apiErr, "validation error": valErr, "option error": optErr, "header error": hdrErr,
		"option": client.WithAPIKey(testKey),
		"struct": struct{ Key client.Secret }{secret},
	}
	var out bytes.Buffer
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T"} {
			fmt.Fprintf(&out, name+" "+verb+"\n", v)
		}
		if b, err := json.Marshal(v); err == nil {
			out.Write(b)
		}
	}
	logger := slog.New(slog.NewJSONHandler(&out, nil))
	logger.Info("call", "key", secret, "client", c, "err", apiErr)
	slog.New(slog.NewTextHandler(&out, nil)).Info("call", "key", secret, "client", c)
	for _, needle := range []string{testKey, testKey[7:20], fmt.Sprintf("%x", testKey)[:20]} {
		if i := strings.Index(out.String(), needle); i >= 0 {
			t.Fatalf("output contains the key (%q) near %q", needle, out.String()[max(0, i-200):i])
		}
	}
	if !strings.Contains(out.String(), "[REDACTED]") {
		t.Fatal("the Secret did not print as [REDACTED]")
	}
	if secret.Reveal() != testKey {
		t.Fatal("Reveal must return the key")
	}
}

// TestHeaders checks what every request carries.
func TestHeaders(t *testing.T) {
	t.Parallel()
	var got http.Header
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("content-type", "application/json")
		_, _ = w.Write([]byte(`{"input_tokens":3}`))
	})
	c := setup(t, h, client.WithBeta("files-api-2025-04-14"), client.WithHeader("X-Team", "search"))
	count := client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}
	if _, err := c.Messages.CountTokens(context.Background(), count, client.WithBeta("token-efficient-tools-2025-02-19")); err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"X-Api-Key":         testKey,
		"Anthropic-Version": "2023-06-01",
		"Anthropic-Beta":    "files-api-2025-04-14,token-efficient-tools-2025-02-19",
		"Content-Type":      "application/json",
		"X-Team":            "search",
	}
	for k, want := range checks {
		if got.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, got.Get(k), want)
		}
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "claude-go/") {
		t.Errorf("User-Agent = %q", ua)
	}
	if got.Get("Authorization") != "" {
		t.Errorf("Authorization sent with an API key")
	}
	// Call options apply to a copy: the client itself is unchanged.
	if _, err := c.Messages.CountTokens(context.Background(), count); err != nil {
		t.Fatal(err)
	}
	if got.Get("Anthropic-Beta") != "files-api-2025-04-14" {
		t.Errorf("call option leaked into the client: beta %q", got.Get("Anthropic-Beta"))
	}
	// Bearer auth.
	bearer, err := client.New(client.WithAuthToken("tok-test"), client.WithBaseURL(c.BaseURL()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bearer.Messages.CountTokens(context.Background(), count); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "Bearer tok-test" || got.Get("X-Api-Key") != "" {
		t.Errorf("bearer headers: Authorization %q, x-api-key %q", got.Get("Authorization"), got.Get("X-Api-Key"))
	}
}

// TestMiddlewareOrderAndContract: user middleware runs outermost-first and
// sees the final headers.
func TestMiddlewareOrderAndContract(t *testing.T) {
	t.Parallel()
	var order []string
	mw := func(name string) client.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				if r.Header.Get("anthropic-version") == "" {
					t.Errorf("%s ran before the headers were set", name)
				}
				order = append(order, name)
				return next.RoundTrip(r)
			})
		}
	}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	}), client.WithMiddleware(mw("a"), mw("b")))
	_, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}, client.WithMiddleware(mw("call")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, ",") != "a,b,call" {
		t.Fatalf("order = %v, want a,b,call", order)
	}
}

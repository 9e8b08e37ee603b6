package emulator

import (
	"strings"
	"testing"
)

func TestValidation(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	cases := []struct {
		name, body, field string
	}{
		{"missing model", `{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}`, "model: Field required"},
		{"missing max_tokens", `{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}`, "max_tokens: Field required"},
		{"bad role", `{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"bot","content":"hi"}]}`, "messages.0.role: Input should be 'user' or 'assistant'"},
		{"max_tokens type", `{"model":"claude-sonnet-4-5","max_tokens":"ten","messages":[{"role":"user","content":"hi"}]}`, "max_tokens: Input should be a valid integer"},
		{"block without text", `{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}`, "messages.0.content.0.text: Field required"},
		{"unknown block type", `{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"bogus"}]}]}`, "messages.0.content.0"},
		{"bad media type", `{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"AA=="}}]}]}`, "messages.0.content.0.source.media_type"},
		{"malformed JSON", `{"model":`, "There was an error parsing the body of your request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, body := call(t, srv, "POST", "/v1/messages", tc.body)
			wantAPIError(t, resp, body, 400, "invalid_request_error", tc.field)
			if resp.Header.Get("x-should-retry") != "false" {
				t.Errorf("x-should-retry = %q", resp.Header.Get("x-should-retry"))
			}
		})
	}
	t.Run("count_tokens missing messages", func(t *testing.T) {
		t.Parallel()
		resp, body := call(t, srv, "POST", "/v1/messages/count_tokens", `{"model":"claude-sonnet-4-5"}`)
		wantAPIError(t, resp, body, 400, "invalid_request_error", "messages: Field required")
	})
	t.Run("unknown model", func(t *testing.T) {
		t.Parallel()
		resp, body := call(t, srv, "POST", "/v1/messages", `{"model":"claude-sonet-4-5","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}`)
		wantAPIError(t, resp, body, 404, "not_found_error", "model: claude-sonet-4-5")
	})
	t.Run("unknown path", func(t *testing.T) {
		t.Parallel()
		resp, body := call(t, srv, "GET", "/v1/nothing", "")
		wantAPIError(t, resp, body, 404, "not_found_error", "Not Found")
	})
}

func TestAuthAndVersion(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{APIKeys: []string{testKey}})
	resp, body := call(t, srv, "POST", "/v1/messages", helloBody, "x-api-key", "")
	wantAPIError(t, resp, body, 401, "authentication_error", "x-api-key header is required")

	resp, body = call(t, srv, "POST", "/v1/messages", helloBody, "x-api-key", "sk-ant-test-wrong")
	wantAPIError(t, resp, body, 401, "authentication_error", "invalid x-api-key")

	resp, body = call(t, srv, "POST", "/v1/messages", helloBody, "x-api-key", "", "Authorization", "Bearer "+testKey)
	if resp.StatusCode != 200 {
		t.Fatalf("bearer: %d %s", resp.StatusCode, body)
	}

	resp, body = call(t, srv, "POST", "/v1/messages", helloBody, "anthropic-version", "")
	wantAPIError(t, resp, body, 400, "invalid_request_error", "anthropic-version: header is required")

	resp, body = call(t, srv, "POST", "/v1/messages", helloBody, "anthropic-version", "2099-01-01")
	wantAPIError(t, resp, body, 400, "invalid_request_error", "anthropic-version")
}

func TestHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{RateLimitRequests: 50})
	for _, tc := range []struct{ method, path, body string }{
		{"POST", "/v1/messages", helloBody},
		{"POST", "/v1/messages", `{}`},
		{"GET", "/v1/models", ""},
		{"GET", "/v1/nothing", ""},
	} {
		resp, _ := call(t, srv, tc.method, tc.path, tc.body)
		if id := resp.Header.Get("request-id"); !strings.HasPrefix(id, "req_emu_") || len(id) != len("req_emu_")+24 {
			t.Errorf("%s %s: request-id %q", tc.method, tc.path, id)
		}
		for _, h := range []string{"requests-limit", "requests-remaining", "requests-reset", "tokens-limit", "input-tokens-remaining", "output-tokens-reset"} {
			if resp.Header.Get("anthropic-ratelimit-"+h) == "" {
				t.Errorf("%s %s: no anthropic-ratelimit-%s", tc.method, tc.path, h)
			}
		}
		if resp.Header.Get("anthropic-ratelimit-requests-limit") != "50" {
			t.Errorf("requests-limit = %q", resp.Header.Get("anthropic-ratelimit-requests-limit"))
		}
	}
}

func TestLoopbackOnly(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", "192.0.2.1:80", ":0x", "example.com:80"} {
		if _, err := loopbackAddr(addr); err == nil {
			t.Errorf("loopbackAddr(%q): want an error", addr)
		}
	}
	for addr, want := range map[string]string{"": "127.0.0.1:0", "localhost:0": "127.0.0.1:0", "[::1]:8080": "[::1]:8080", ":9000": "127.0.0.1:9000"} {
		if got, err := loopbackAddr(addr); err != nil || got != want {
			t.Errorf("loopbackAddr(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

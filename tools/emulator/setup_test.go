package emulator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

const testKey = "sk-ant-test-emulator"

// setup starts an emulator for one test and closes it when the test ends.
func setup(t *testing.T, cfg Config) *Server {
	t.Helper()
	srv, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// call sends one request with a test key and the version header, plus the
// given extra headers (name, value pairs; an empty value removes the
// header), and returns the response with its body read.
func call(t *testing.T, srv *Server, method, path, body string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	resp, b, err := do(t, srv, method, path, body, headers...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp, b
}

// do is call that returns transport and body-read errors instead of failing.
func do(t *testing.T, srv *Server, method, path, body string, headers ...string) (*http.Response, []byte, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", testKey)
	req.Header.Set("anthropic-version", "2023-06-01")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// wantAPIError checks the API's error envelope.
func wantAPIError(t *testing.T, resp *http.Response, body []byte, status int, typ, msgPart string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, status, body)
	}
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %s: %v", body, err)
	}
	if e.Type != "error" || e.Error.Type != typ || !strings.Contains(e.Error.Message, msgPart) {
		t.Fatalf("error = %s, want type %s with message containing %q", body, typ, msgPart)
	}
	if !strings.HasPrefix(e.RequestID, "req_emu_") || e.RequestID != resp.Header.Get("request-id") {
		t.Fatalf("request_id %q, header %q", e.RequestID, resp.Header.Get("request-id"))
	}
}

const helloBody = `{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Say hello"}]}`

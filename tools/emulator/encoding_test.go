package emulator

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"testing"
)

// TestGzipRequestBody: a gzip body is decoded before the handlers read it; a
// broken one is a 400 naming gzip; an unknown encoding is a 415.
func TestGzipRequestBody(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	plain := `{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"Hello"}]}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(plain))
	_ = zw.Close()

	resp, body := call(t, srv, "POST", "/v1/messages", gz.String(), "Content-Encoding", "gzip")
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`"type":"message"`)) {
		t.Fatalf("gzip body: %d %s", resp.StatusCode, body)
	}
	resp, body = call(t, srv, "POST", "/v1/messages", plain, "Content-Encoding", "gzip")
	wantAPIError(t, resp, body, http.StatusBadRequest, "invalid_request_error", "gzip")
	resp, body = call(t, srv, "POST", "/v1/messages", plain, "Content-Encoding", "br")
	wantAPIError(t, resp, body, http.StatusUnsupportedMediaType, "invalid_request_error", "Content-Encoding br")
}

package emulator

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRecordedCases(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	dir := FindRecordedDir(".")
	for _, name := range []string{"msg-tool-use", "stream-text", "error-529-overloaded", "models-list", "stream-error-event-overloaded", "batch-results"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var rec struct {
				Status   int               `json:"status"`
				Headers  map[string]string `json:"headers"`
				BodyFile string            `json:"body_file"`
			}
			meta, err := os.ReadFile(filepath.Join(dir, name, "response.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(meta, &rec); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, name, rec.BodyFile))
			if err != nil {
				t.Fatal(err)
			}
			resp, body := call(t, srv, "POST", "/v1/messages", `{"anything":"goes"}`, HeaderCase, name)
			if resp.StatusCode != rec.Status || !bytes.Equal(body, want) {
				t.Fatalf("status %d (want %d), body equal %v", resp.StatusCode, rec.Status, bytes.Equal(body, want))
			}
			if ct := rec.Headers["content-type"]; ct != "" && resp.Header.Get("Content-Type") != ct {
				t.Fatalf("content-type %q, want %q", resp.Header.Get("Content-Type"), ct)
			}
			if !strings.HasPrefix(resp.Header.Get("request-id"), "req_emu_") {
				t.Fatalf("request-id %q", resp.Header.Get("request-id"))
			}
			if id := rec.Headers["request-id"]; id != "" && resp.Header.Get("x-emulator-recorded-request-id") != id {
				t.Fatalf("recorded request-id %q", resp.Header.Get("x-emulator-recorded-request-id"))
			}
		})
	}
	t.Run("faults apply to cases", func(t *testing.T) {
		t.Parallel()
		_, body := call(t, srv, "POST", "/v1/messages", `{}`, HeaderCase, "stream-text", HeaderFault, "truncate;after=2")
		if got := strings.Join(names(readSSE(t, body)), " "); got != "message_start content_block_start" {
			t.Fatalf("events %s", got)
		}
	})
	t.Run("unknown case", func(t *testing.T) {
		t.Parallel()
		resp, body := call(t, srv, "POST", "/v1/messages", `{}`, HeaderCase, "no-such-case")
		wantAPIError(t, resp, body, 400, "invalid_request_error", "x-emulator-case: unknown case")
		resp, body = call(t, srv, "POST", "/v1/messages", `{}`, HeaderCase, "../MANIFEST.json")
		wantAPIError(t, resp, body, 400, "invalid_request_error", "invalid case name")
	})
	t.Run("still authenticates", func(t *testing.T) {
		t.Parallel()
		resp, body := call(t, srv, "POST", "/v1/messages", `{}`, HeaderCase, "stream-text", "x-api-key", "")
		wantAPIError(t, resp, body, 401, "authentication_error", "x-api-key")
	})
}

func TestRecordedDirMissing(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{RecordedDir: t.TempDir()})
	resp, body := call(t, srv, "POST", "/v1/messages", `{}`, HeaderCase, "stream-text")
	wantAPIError(t, resp, body, 400, "invalid_request_error", "unknown case")
}

package spec_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/openapi"
	"github.com/claudego/claude/streaming"
	"github.com/claudego/claude/tools/internal/spec"
)

// TestToParamOfEveryRecordedReplyIsAValidRequest sends every recorded
// Messages reply (non-streamed, and each stream accumulated) back through
// Message.ToParam, as the next assistant turn of a request, and validates that
// request against the spec's request schemas with drift detection: a field
// the spec knows only in responses (file_id on citations, abort_reason on
// code-execution results) would be reported there, as the API rejects it
// with "Extra inputs are not permitted".
func TestToParamOfEveryRecordedReplyIsAValidRequest(t *testing.T) {
	t.Parallel()
	sp, err := spec.LoadData(openapi.Spec())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "..", "testdata", "recorded")
	m, err := spec.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range m.Cases {
		if c.Endpoint != "/v1/messages" || c.Status != 200 || strings.Contains(c.Name, "error") {
			continue
		}
		n++
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			msg := recordedReply(t, filepath.Join(dir, c.Name), c.Streaming)
			req := client.MessageRequest{
				Model: "claude-sonnet-4-5", MaxTokens: 1024,
				Messages: []client.MessageParam{client.UserText("Hello"), msg.ToParam(), client.UserText("Go on")},
			}
			body, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			if fs := sp.ValidateRequest("POST", "/v1/messages", body); len(fs) > 0 {
				t.Fatalf("the reply sent back is not a valid request:\n%v", fs)
			}
		})
	}
	if n < 20 {
		t.Fatalf("only %d recorded replies", n)
	}
}

func recordedReply(t *testing.T, caseDir string, stream bool) *client.Message {
	t.Helper()
	if !stream {
		b, err := os.ReadFile(filepath.Join(caseDir, "body.json"))
		if err != nil {
			t.Fatal(err)
		}
		var msg client.Message
		if err := json.Unmarshal(b, &msg); err != nil {
			t.Fatal(err)
		}
		return &msg
	}
	b, err := os.ReadFile(filepath.Join(caseDir, "body.sse"))
	if err != nil {
		t.Fatal(err)
	}
	s := streaming.New(&http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(b))}, streaming.Config{Op: "replay"})
	for s.Next() {
	}
	if s.Err() != nil {
		t.Fatalf("stream: %v", s.Err())
	}
	return s.Message()
}

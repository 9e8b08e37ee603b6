package spec_test

import (
	"bytes"
	"encoding/json"
	"errors"
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

// TestRecordedStreamsAccumulateToValidMessages runs every recorded SSE body
// through streaming.Stream and validates the accumulated Message against the
// spec's Message schema: no invalid field, no drift (issue #3). The stream
// that ends in an error event must say so and mark its message incomplete.
func TestRecordedStreamsAccumulateToValidMessages(t *testing.T) {
	t.Parallel()
	sp, err := spec.LoadData(openapi.Spec())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "..", "testdata", "recorded")
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "body.sse"))
	if len(paths) < 20 {
		t.Fatalf("found %d recorded streams", len(paths))
	}
	for _, p := range paths {
		name := filepath.Base(filepath.Dir(p))
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			body, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			s := streaming.New(&http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}, streaming.Config{})
			events := 0
			for s.Next() {
				events++
			}
			msg := s.Message()
			if strings.Contains(name, "error-event") {
				var apiErr *client.APIError
				if !errors.As(s.Err(), &apiErr) || !apiErr.MidStream || !msg.Incomplete {
					t.Fatalf("error stream: err %v, incomplete %v", s.Err(), msg.Incomplete)
				}
				return
			}
			if s.Err() != nil || msg.Incomplete || events == 0 {
				t.Fatalf("err %v, incomplete %v after %d events", s.Err(), msg.Incomplete, events)
			}
			data, err := json.Marshal(msg)
			if err != nil {
				t.Fatal(err)
			}
			if fs := sp.ValidateValue("message", "Message", data); len(fs) > 0 {
				t.Fatalf("accumulated message does not fit the spec:\n%v\n%s", fs, data)
			}
		})
	}
}

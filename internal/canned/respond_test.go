package canned_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/internal/canned"
)

// closeCounter is a request body that records its reads and its Close.
type closeCounter struct {
	io.Reader
	closed bool
}

func (c *closeCounter) Close() error { c.closed = true; return nil }

// TestRespondDrainsAndAnswers: the request body is read to its end and
// closed, and the reply carries what it was given.
func TestRespondDrainsAndAnswers(t *testing.T) {
	t.Parallel()
	src := strings.NewReader(`{"model":"m"}`)
	body := &closeCounter{Reader: src}
	req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", body)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{"Content-Type": {"application/json"}}
	resp := canned.Respond(req, h, strings.NewReader("{}"), 2)
	if src.Len() != 0 || !body.closed {
		t.Fatalf("request body: %d bytes left, closed %v", src.Len(), body.closed)
	}
	got, err := io.ReadAll(resp.Body)
	if err != nil || string(got) != "{}" || resp.StatusCode != 200 || resp.ContentLength != 2 || resp.Request != req || resp.Header.Get("Content-Type") != "application/json" || resp.ProtoMajor != 1 {
		t.Fatalf("reply %+v, body %q, %v", resp, got, err)
	}
	if resp := canned.Respond(&http.Request{}, nil, strings.NewReader(""), -1); resp.ContentLength != -1 {
		t.Fatalf("a request without a body: %+v", resp)
	}
}

package rtutil_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/extensions/internal/rtutil"
)

// TestPeekBody: a body with GetBody is read through it and the request goes
// on unchanged; a body without is read once and replaced by a clone that
// replays it with its length known (from the diagnostics layer's former copy,
// a body of unknown length went on as chunked, its length never set).
func TestPeekBody(t *testing.T) {
	t.Parallel()
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", strings.NewReader(`{"a":1}`))
	b, r2, err := rtutil.PeekBody(req)
	if err != nil || string(b) != `{"a":1}` || r2 != req {
		t.Fatalf("with GetBody: %q, same request %v, %v", b, r2 == req, err)
	}
	if rest, _ := io.ReadAll(req.Body); string(rest) != `{"a":1}` {
		t.Fatalf("the caller's body was consumed: %q left", rest)
	}

	pr, pw := io.Pipe()
	go func() { _, _ = io.WriteString(pw, `{"b":2}`); pw.Close() }()
	req, _ = http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", pr)
	if req.GetBody != nil || req.ContentLength != 0 {
		t.Fatalf("a pipe body has GetBody %v, length %d", req.GetBody != nil, req.ContentLength)
	}
	b, r2, err = rtutil.PeekBody(req)
	if err != nil || string(b) != `{"b":2}` || r2 == req || r2.ContentLength != 7 || r2.GetBody == nil {
		t.Fatalf("without GetBody: %q, clone %v, length %d, %v", b, r2 != req, r2.ContentLength, err)
	}
	for range 2 {
		rc, _ := r2.GetBody()
		if again, _ := io.ReadAll(rc); string(again) != `{"b":2}` {
			t.Fatalf("replayed %q", again)
		}
	}
	if sent, _ := io.ReadAll(r2.Body); string(sent) != `{"b":2}` {
		t.Fatalf("the clone sends %q", sent)
	}
}

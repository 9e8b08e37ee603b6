package retry_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
	"github.com/claudego/claude/streaming"
)

// endlessLine is a body of one line that never ends (up to limit bytes, so
// that code without a bound ends instead of hanging), counting what was
// read.
type endlessLine struct{ n, limit int }

func (e *endlessLine) Read(p []byte) (int, error) {
	if e.n >= e.limit {
		return 0, io.EOF
	}
	for i := range p {
		p[i] = 'x'
	}
	if e.n == 0 {
		copy(p, "data: ")
	}
	e.n += len(p)
	return len(p), nil
}

func (e *endlessLine) Close() error { return nil }

// TestPreludeIsBounded: the stream prelude is read through the shared
// framer and stops at MaxPreludeBytes; an endless line no longer grows
// without bound (it read the whole body, 3.9 GB in the report, before).
func TestPreludeIsBounded(t *testing.T) {
	t.Parallel()
	const max = 64 << 10
	body := &endlessLine{limit: 32 << 20}
	rt := retry.Middleware(retry.Config{RetryStreamPrelude: true, MaxPreludeBytes: max})(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/event-stream"}}, Body: body, Request: r}, nil
	}))
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", strings.NewReader("{}"))
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if body.n > max+8<<10 {
		t.Fatalf("the prelude read %d bytes for a cap of %d", body.n, max)
	}
	// The caller's Stream reads on and stops at its event size limit.
	s := streaming.New(resp, streaming.Config{MaxEventSize: 1 << 20})
	for s.Next() {
	}
	if !errors.Is(s.Err(), streaming.ErrEventTooLarge) || body.n > 2<<20 {
		t.Fatalf("err %v after %d bytes", s.Err(), body.n)
	}
}

package streaming_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/streaming"
)

// TestIsEventStream: the exact types are told apart without parsing, and
// anything else is parsed as a media type, as before the fast path.
func TestIsEventStream(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		ct     []string // nil: no Content-Type
		want   bool
	}{
		{200, []string{"text/event-stream"}, true},
		{200, []string{"text/event-stream; charset=utf-8"}, true},
		{200, []string{"Text/Event-Stream"}, true},
		{206, []string{"text/event-stream"}, true},
		{200, []string{"application/json"}, false},
		{200, []string{"application/json; charset=utf-8"}, false},
		{200, []string{"text/event-streams"}, false},
		{200, []string{""}, false},
		{200, nil, false},
		{500, []string{"text/event-stream"}, false},
	} {
		h := http.Header{}
		if tc.ct != nil {
			h["Content-Type"] = tc.ct
		}
		resp := &http.Response{StatusCode: tc.status, Header: h, Body: io.NopCloser(strings.NewReader(""))}
		if got := streaming.IsEventStream(resp); got != tc.want {
			t.Errorf("status %d, Content-Type %q: %v, want %v", tc.status, tc.ct, got, tc.want)
		}
	}
	if streaming.IsEventStream(nil) || streaming.IsEventStream(&http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/event-stream"}}}) {
		t.Error("a nil response or a response without a body is not a stream")
	}
}

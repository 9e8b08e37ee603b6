package claudeotel

import (
	"net/http"

	"github.com/claudego/claude/client"
)

// TapInCall is the module's middleware for the RoundTripper conformance
// suite, running each request as part of a call the observer started (a
// non-streamed chat with content capture on, so the reply is kept), as the
// client runs it.
func TapInCall() client.Middleware {
	o := newObserver(Config{CaptureContent: true})
	return func(next http.RoundTripper) http.RoundTripper {
		tap := o.chunkTimer(next)
		return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			ctx := o.CallStart(req.Context(), client.CallInfo{Operation: "messages.create", Model: "claude-haiku-4-5"})
			return tap.RoundTrip(req.WithContext(ctx))
		})
	}
}

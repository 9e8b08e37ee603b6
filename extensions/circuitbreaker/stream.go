package circuitbreaker

import (
	"context"
	"net/http"

	"github.com/claudego/claude/extensions/internal/rtutil"
	"github.com/claudego/claude/streaming"
)

// A streamed reply's status says little: the API answers 200 and then may
// report overloaded_error in an `event: error` a few events later, the most
// common way it fails under load. So for a 2xx text/event-stream the breaker
// records the stream's verdict (streaming.Verdict, the one account of how a
// stream ended that every layer reads; see ARCHITECTURE.md) when it ends
// instead of its headers: completed is a success; an error event is
// classified as any mid-stream *APIError (overloaded and api errors count);
// truncated, idle timeout and malformed are failures; a stream the caller
// cancelled or abandoned says nothing about the service and is not counted.

// watchStream records the verdict of resp's stream as the outcome of the
// call let through under gen.
func watchStream(ctx context.Context, b *Breaker, gen uint64, resp *http.Response) {
	streaming.Watch(resp, streaming.Observer{End: func(v streaming.Verdict) {
		switch {
		case v.Outcome == streaming.OutcomeCompleted:
			b.done(ctx, gen, resp, nil)
		case v.Outcome.CallerEnded():
			b.done(ctx, gen, nil, context.Canceled) // releases a probe, counts nothing
		case v.Outcome == streaming.OutcomeErrorEvent || b.s.IsFailure != nil:
			b.done(ctx, gen, nil, v.Err) // classified as any mid-stream *APIError
		default:
			// Truncated, idle timeout, malformed: the stream broke, whatever
			// a classifier of single errors makes of its cause.
			b.record(ctx, gen, rtutil.Failure, nil, v.Err)
		}
	}})
}

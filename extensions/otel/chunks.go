package claudeotel

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// chunkSlot is the pipeline slot of the chunk timer.
const chunkSlot = "claudeotel.chunks"

// chunkTimer times the chunks of a streamed reply for
// gen_ai.client.operation.time_per_output_chunk. The observer events say
// when the first content came and when the stream ended, not when each chunk
// did, so this middleware, outermost (before "middleware", where the Stream
// reads what it returns), wraps the body of each streamed reply of a call
// the observer started: a chunk is one read of the body that brought bytes,
// and each after the first content records the time since the previous one.
// Calls the observer did not start and replies that are not event streams
// pass through untouched.
func (o *observer) chunkTimer(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := next.RoundTrip(req)
		if err != nil {
			return resp, err
		}
		c, _ := req.Context().Value(callKey{o}).(*call)
		switch {
		case c == nil:
		case c.stream && streaming.IsEventStream(resp):
			resp.Body = &timedBody{ReadCloser: resp.Body, ctx: req.Context(), c: c, o: o}
		}
		return resp, err
	})
}

// timedBody records a chunk interval for each read that brought bytes.
type timedBody struct {
	io.ReadCloser
	ctx context.Context
	c   *call
	o   *observer
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.c.chunk(b.ctx, b.o)
	}
	return n, err
}

// chunk records the time since the previous chunk, once the first content
// came (firstContent sets the mark); reads before it are the prelude.
func (c *call) chunk(ctx context.Context, o *observer) {
	prev := c.lastChunk.Load()
	if prev == 0 {
		return
	}
	now := int64(time.Since(c.start))
	if !c.lastChunk.CompareAndSwap(prev, now) {
		return
	}
	o.inst.timePerOutputChunk.Record(ctx, time.Duration(now-prev).Seconds(), c.metricSet)
}

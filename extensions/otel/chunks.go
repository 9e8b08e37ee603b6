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

// chunkTimer (also) keeps a copy of a non-streamed chat reply when content
// capture is on (see keptBody). It times the chunks of a streamed reply for
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
		case o.capture && c.op == operationChat && !c.stream && resp.StatusCode == http.StatusOK && resp.Body != nil:
			resp.Body = &keptBody{ReadCloser: resp.Body, c: c}
		}
		return resp, err
	})
}

// maxKeptReply bounds the reply content capture keeps: a longer reply's
// content is not recorded (gen_ai.output.messages is left out) rather than
// cut into invalid JSON.
const maxKeptReply = 4 << 20

// keptBody keeps a copy of a non-streamed Messages reply as the client reads
// it, for gen_ai.output.messages; only when content capture is on. The
// client decodes the reply; callEnd decodes the copy, so the capture costs a
// second decode and nothing when off.
type keptBody struct {
	io.ReadCloser
	c *call
}

func (b *keptBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.c.mu.Lock()
		if !b.c.replyTooLong {
			if len(b.c.reply)+n > maxKeptReply {
				b.c.reply, b.c.replyTooLong = nil, true
			} else {
				b.c.reply = append(b.c.reply, p[:n]...)
			}
		}
		b.c.mu.Unlock()
	}
	return n, err
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

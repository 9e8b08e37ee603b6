package ratelimit

import (
	"bytes"
	"io"
	"sync"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
	"github.com/claudego/claude/internal/jsonscan"
	"github.com/claudego/claude/streaming"
)

// usage is what a response said it used.
type usage struct {
	input, output       int
	hasInput, hasOutput bool
}

// usageOf is a stream's usage as the limiter counts it: cache writes are
// input.
func usageOf(u streaming.Usage) usage {
	return usage{
		input:     int(u.InputTokens + u.CacheCreationInputTokens),
		output:    int(u.OutputTokens),
		hasInput:  true,
		hasOutput: true,
	}
}

// correctReply corrects r with the usage of the Message the client decoded
// from the reply (client.OnReply), so the body is neither copied nor
// scanned again; nil (not decoded): the estimates stand.
func (l *Limiter) correctReply(r reservation, m *client.Message) {
	if m == nil {
		return
	}
	t := pricing.FromUsage(m.Usage)
	l.correct(r, usage{
		input:     saturatingInt64(t.Input + t.CacheWrite5m + t.CacheWrite1h),
		output:    saturatingInt64(t.Output),
		hasInput:  true,
		hasOutput: true,
	})
}

// replyHook is what one call's OnReply hook needs: the limiter and the
// call's reservation, corrected with the usage of the decoded reply. The
// client calls the hook once (client.OnReply), after which the record goes
// back to replyHooks: the hook, a closure over the reservation, was an
// allocation on every call.
type replyHook struct {
	l *Limiter
	r reservation
	f func(*client.Message) // h.replied, bound once per record
}

// replyHooks hold the records between calls.
var replyHooks sync.Pool

func newReplyHook(l *Limiter, r reservation) *replyHook {
	h, _ := replyHooks.Get().(*replyHook)
	if h == nil {
		h = new(replyHook)
		h.f = h.replied
	}
	h.l, h.r = l, r
	return h
}

// replied corrects the reservation with m's usage and hands the record
// back before doing so, as the client calls it once.
func (h *replyHook) replied(m *client.Message) {
	l, r := h.l, h.r
	h.release()
	l.correctReply(r, m)
}

// release hands the record back, holding no limiter.
func (h *replyHook) release() {
	h.l, h.r = nil, reservation{}
	replyHooks.Put(h)
}

// maxTee caps how much of a JSON body is kept to read its usage.
const maxTee = 8 << 20

// usageReader passes a JSON body through to the caller untouched while
// keeping a copy (capped), and reports the usage once, at EOF or Close.
// Streams report theirs through streaming.Watch.
type usageReader struct {
	io.ReadCloser
	buf  bytes.Buffer
	u    usage
	once sync.Once
	done func(usage)
}

func newUsageReader(rc io.ReadCloser, done func(usage)) io.ReadCloser {
	return &usageReader{ReadCloser: rc, done: done}
}

func (r *usageReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	if n > 0 && r.buf.Len()+n <= maxTee {
		r.buf.Write(p[:n])
	}
	if err == io.EOF {
		r.finish()
	}
	return n, err
}

func (r *usageReader) Close() error {
	err := r.ReadCloser.Close()
	r.finish()
	return err
}

func (r *usageReader) finish() {
	r.once.Do(func() {
		r.u = replyUsage(r.buf.Bytes())
		r.buf = bytes.Buffer{}
		if r.u.hasInput || r.u.hasOutput {
			r.done(r.u)
		}
	})
}

// replyUsage reads a JSON reply's usage as the limiter counts it (cache
// writes are input): the one JSON scanner finds the usage object and
// pricing.ParseTokens reads its counts, without decoding the reply. A count
// the usage does not carry is not corrected (its estimate stands).
func replyUsage(body []byte) usage {
	raw := jsonscan.Field(body, "usage")
	if raw == nil {
		return usage{}
	}
	t, err := pricing.ParseTokens(raw)
	if err != nil {
		return usage{}
	}
	return usage{
		input:     int(t.Input + t.CacheWrite5m + t.CacheWrite1h),
		output:    int(t.Output),
		hasInput:  jsonscan.Field(raw, "input_tokens") != nil,
		hasOutput: jsonscan.Field(raw, "output_tokens") != nil,
	}
}

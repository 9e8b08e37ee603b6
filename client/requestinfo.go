package client

import (
	"context"
	"io"
	"net/http"
)

// RequestInfo is what the client knows of a Messages request it sends: the
// params it validated and encoded into the body. Layers that need the model
// or max_tokens (the quota, the rate limiter) read them here instead of
// scanning the JSON body again (ARCHITECTURE.md, Data flow).
type RequestInfo struct {
	// Model and MaxTokens are the request's, as the body encodes them.
	Model     string
	MaxTokens int64
	// Stream is true for Messages.Stream.
	Stream bool
	// Params is the method's copy of the request (a *MessageRequest).
	// Layers must not change it: its slices are the caller's.
	Params any
}

// RequestInfoOf returns what the client knows of req's body, which it
// knows for a Messages.Create or Messages.Stream request whose pipeline has
// a layer or middleware (a bare call carries nothing, and costs nothing
// more), as long as req's Body is still the one the client built. The
// answer belongs to those bytes: a request whose body a middleware
// replaced, a retried attempt's body (from GetBody), or a request made
// elsewhere gets ok false, and a layer then reads the body.
func RequestInfoOf(req *http.Request) (RequestInfo, bool) {
	m := sendOf(req)
	if m == nil {
		return RequestInfo{}, false
	}
	p := m.params
	return RequestInfo{Model: p.Model, MaxTokens: p.MaxTokens, Stream: p.Stream, Params: p}, true
}

// OnReply has f called with the Message Messages.Create decodes from the
// reply to req, or with nil when it could not read or decode it or the call
// failed, so a layer that needs the reply's usage (the quota) reads it from
// the decoded Message instead of parsing the body a second time. f runs
// once, on the caller's goroutine, after the pipeline returned and before
// Create does. OnReply must be called before the layer's RoundTrip returns.
// It reports false, and f is never called, where RequestInfoOf has no
// answer (then the layer reads the body) and for Messages.Stream (whose
// usage streaming.Watch reports).
func OnReply(req *http.Request, f func(*Message)) bool {
	m := sendOf(req)
	if m == nil || m.params.Stream || f == nil {
		return false
	}
	if m.onReply == nil {
		m.onReply = m.onReplyBuf[:0]
	}
	m.onReply = append(m.onReply, f)
	return true
}

// sendOf returns the record of the Messages request req is, nil when req's
// Body is not the one the client built.
func sendOf(req *http.Request) *messageSend {
	if req == nil || req.Body == nil {
		return nil
	}
	m, _ := req.Context().Value(messageSendKey{}).(*messageSend)
	// m.body is the io.NopCloser the client built, of a comparable type,
	// so comparing it with any Body is safe.
	if m == nil || m.body == nil || req.Body != m.body {
		return nil
	}
	return m
}

// messageSend is one Messages request on its way: the params and the body
// the client built of them. The call's context carries it (under
// messageSendKey) when the call's pipeline has a layer or middleware to
// read it, as it carries the observers (ARCHITECTURE.md, Data flow).
type messageSend struct {
	params  *MessageRequest
	body    io.ReadCloser // the request's Body as built; set by the builder
	onReply []func(*Message)
	// onReplyBuf holds the first hooks, in the record's own allocation:
	// the quota and the rate limiter each add one on every call.
	onReplyBuf [2]func(*Message)
}

// replied tells the OnReply hooks the call's decoded reply (nil: none).
func (m *messageSend) replied(msg *Message) {
	if m == nil {
		return
	}
	for _, f := range m.onReply {
		f(msg)
	}
}

type messageSendKey struct{}

// withMessageSend returns ctx carrying the Messages request params, and the
// record the builder completes with the body; with no layer or middleware
// in the call's pipeline, ctx unchanged and nil.
func (c *config) withMessageSend(ctx context.Context, params *MessageRequest) (context.Context, *messageSend) {
	if ctx == nil || !c.layered() {
		return ctx, nil
	}
	sc := &sendCtx{Context: ctx, m: messageSend{params: params}}
	return sc, &sc.m
}

// sendCtx is context.WithValue(ctx, messageSendKey{}, &m) in one allocation
// instead of two (the value node and the record): every layered call pays
// for it, whether a layer reads it or not. Everything but Value is ctx's.
type sendCtx struct {
	context.Context
	m messageSend
}

func (c *sendCtx) Value(key any) any {
	if key == (messageSendKey{}) {
		return &c.m
	}
	return c.Context.Value(key)
}

// layered reports whether a call's pipeline has anything between the
// headers and the transport that could read RequestInfoOf.
func (c *config) layered() bool {
	if len(c.middleware) > 0 {
		return true
	}
	for _, l := range c.layers {
		if l != nil {
			return true
		}
	}
	for _, p := range c.placed {
		if p.mw != nil {
			return true
		}
	}
	return false
}

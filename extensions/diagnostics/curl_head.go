package diagnostics

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
)

// headCache keeps the heads of the last commands a layer wrote (the
// method, URL and headers: everything before the body) with what each was
// made of. The client sends every call of an operation with the same
// method, URL and headers, and writing the head (collecting, sorting,
// classifying and quoting the headers) cost more than the body's 2 KB: a
// request whose method, URL and headers equal a kept head's gets that head,
// which is what writeCurlHead would write, since it reads nothing else.
// Four are kept, the oldest replaced, so a client alternating a few
// operations (Create, Stream, CountTokens) keeps one for each. The zero
// value is empty; a nil *headCache keeps nothing.
type headCache struct {
	heads [4]atomic.Pointer[curlHead]
	next  atomic.Uint32 // the slot the next new head takes
}

// curlHead is one head and its inputs; never changed once stored.
type curlHead struct {
	method  string
	url     url.URL
	hasBody bool
	header  []keptHeader
	text    []byte
}

// keptHeader is one header of a kept head: its name, and its values where
// the head shows them (copied: a request's slices may change after). A
// credential's values are not kept: the head shows its variable or
// [REDACTED] whatever they are, and the layer keeps no secret.
type keptHeader struct {
	name   string
	values []string
	shown  bool // the values are written in the head, so they must match
}

// write writes req's head to b, as writeCurlHead does.
func (c *headCache) write(b *bytes.Buffer, req *http.Request, hasBody bool) {
	if c == nil {
		writeCurlHead(b, req, hasBody)
		return
	}
	for i := range c.heads {
		if h := c.heads[i].Load(); h != nil && h.matches(req, hasBody) {
			b.Write(h.text)
			return
		}
	}
	start := b.Len()
	writeCurlHead(b, req, hasBody)
	slot := (c.next.Add(1) - 1) % uint32(len(c.heads))
	c.heads[slot].Store(newCurlHead(req, hasBody, b.Bytes()[start:]))
}

// matches reports whether req has the method, URL and headers h was made
// of: as many header names as h, and each of h's in req, with the same
// values where the head shows them (names are distinct in both, so the
// sets are equal). Looking h's names up costs less than walking req's map.
func (h *curlHead) matches(req *http.Request, hasBody bool) bool {
	if h.hasBody != hasBody || h.method != req.Method || len(h.header) != len(req.Header) || req.URL == nil || h.url != *req.URL {
		return false
	}
	for _, hd := range h.header {
		v, ok := req.Header[hd.name]
		if !ok || hd.shown && !slices.Equal(v, hd.values) {
			return false
		}
	}
	return true
}

func newCurlHead(req *http.Request, hasBody bool, text []byte) *curlHead {
	h := &curlHead{method: req.Method, url: *req.URL, hasBody: hasBody, text: bytes.Clone(text)}
	h.header = make([]keptHeader, 0, len(req.Header))
	for k, v := range req.Header {
		kept := keptHeader{name: k}
		if _, class := headerKind(k); class == plain {
			kept.values, kept.shown = slices.Clone(v), true
		}
		h.header = append(h.header, kept)
	}
	return h
}

package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// recordedReply returns the first recorded 200 reply of /v1/messages,
// streamed or not.
func recordedReply(t *testing.T, stream bool) recordedCase {
	t.Helper()
	for _, c := range recordedCases(t, "/v1/messages") {
		if c.Stream == stream && c.Status == http.StatusOK {
			return c
		}
	}
	t.Fatalf("no recorded 200 reply (stream %v)", stream)
	return recordedCase{}
}

// seen is what a middleware saw of one request: RequestInfoOf's answer and
// the body's bytes, read through GetBody so the transport still sends it.
type seen struct {
	info client.RequestInfo
	ok   bool
	body []byte
	rok  bool // RequestInfoOf's ok on GetBody's body
}

// watch is a middleware recording what RequestInfoOf says of each request.
func watch(got *[]seen) client.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			s := seen{}
			s.info, s.ok = client.RequestInfoOf(req)
			if req.GetBody != nil {
				rc, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				s.body, _ = io.ReadAll(rc)
				_ = rc.Close()
				r := req.Clone(req.Context())
				r.Body = rc
				_, s.rok = client.RequestInfoOf(r)
			}
			*got = append(*got, s)
			return next.RoundTrip(req)
		})
	}
}

// TestRequestInfoOf: a layer of a Create or a Stream reads the request's
// model, max_tokens, stream flag and params, which agree with the bytes
// sent; a replay of the body (GetBody, as retry makes for each attempt) is
// other bytes, and carries nothing.
func TestRequestInfoOf(t *testing.T) {
	t.Parallel()
	for _, stream := range []bool{false, true} {
		rec := recordedReply(t, stream)
		var sent []byte
		var got []seen
		c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sent, _ = io.ReadAll(r.Body)
			serveCase(rec)(w, r)
		}), client.WithMiddleware(watch(&got)))
		req := minimalRequest()
		req.MaxTokens = 321
		if stream {
			s, err := c.Messages.Stream(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			for s.Next() {
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		} else if _, err := c.Messages.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("stream %v: the middleware saw %d requests, want 1", stream, len(got))
		}
		s := got[0]
		if !s.ok || s.rok {
			t.Fatalf("stream %v: RequestInfoOf ok = %v, on the replayed body %v; want true, false", stream, s.ok, s.rok)
		}
		p, isParams := s.info.Params.(*client.MessageRequest)
		if s.info.Model != req.Model || s.info.MaxTokens != 321 || s.info.Stream != stream || !isParams || p.Model != req.Model {
			t.Errorf("stream %v: RequestInfo %+v, want model %s, max_tokens 321, the params", stream, s.info, req.Model)
		}
		if !bytes.Equal(s.body, sent) || !bytes.Contains(sent, []byte(`"max_tokens":321`)) {
			t.Errorf("stream %v: replayed body %q, server got %q", stream, s.body, sent)
		}
	}
}

// TestRequestInfoOfRewrittenBody: once a middleware replaces the body, the
// layers inside it are told nothing (they read the body); a request the
// client did not make has no info either, nor has a call whose pipeline
// has no layer (its transport is told nothing: a bare call pays nothing).
func TestRequestInfoOfRewrittenBody(t *testing.T) {
	t.Parallel()
	rec := recordedReply(t, false)
	var got []seen
	rewrite := func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			b, err := io.ReadAll(req.Body)
			if err != nil {
				return nil, err
			}
			b = bytes.Replace(b, []byte(`"max_tokens":64`), []byte(`"max_tokens":65`), 1)
			r := req.Clone(req.Context())
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
			return next.RoundTrip(r)
		})
	}
	c := setup(t, serveCase(rec), client.WithMiddleware(rewrite, watch(&got)))
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ok || got[0].rok {
		t.Fatalf("after a rewrite the inner middleware saw %+v, want one request with no info", got)
	}
	plain, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", strings.NewReader(`{"model":"m"}`))
	if err != nil {
		t.Fatal(err)
	}
	if info, ok := client.RequestInfoOf(plain); ok {
		t.Errorf("a request built by http.NewRequest: %+v, ok", info)
	}
	if _, ok := client.RequestInfoOf(nil); ok {
		t.Error("nil request: ok")
	}
	for _, layered := range []bool{false, true} {
		var told []bool
		wire := client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			_, ok := client.RequestInfoOf(r)
			told = append(told, ok)
			return http.DefaultTransport.RoundTrip(r)
		})
		opts := []client.Option{client.WithHTTPClient(&http.Client{Transport: wire})}
		if layered {
			opts = append(opts, client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper { return next }))
		}
		bare := setup(t, serveCase(rec), opts...)
		if _, err := bare.Messages.Create(context.Background(), minimalRequest()); err != nil {
			t.Fatal(err)
		}
		if len(told) != 1 || told[0] != layered {
			t.Errorf("with a layer %v: the transport was told %v, want [%v]", layered, told, layered)
		}
	}
}

// TestOnReply: a layer's OnReply hook hears, once, the Message Create
// returns, or nil when the 2xx reply does not decode; a Stream's request
// and a rewritten body take no hook.
func TestOnReply(t *testing.T) {
	t.Parallel()
	rec := recordedReply(t, false)
	type heard struct {
		registered bool
		msgs       []*client.Message
	}
	hook := func(h *heard) client.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
				resp, err := next.RoundTrip(req)
				h.registered = client.OnReply(req, func(m *client.Message) { h.msgs = append(h.msgs, m) })
				return resp, err
			})
		}
	}
	var ok heard
	c := setup(t, serveCase(rec), client.WithMiddleware(hook(&ok)))
	msg, err := c.Messages.Create(context.Background(), minimalRequest())
	if err != nil {
		t.Fatal(err)
	}
	if !ok.registered || len(ok.msgs) != 1 || ok.msgs[0] != msg {
		t.Errorf("registered %v, heard %v; want the returned message once", ok.registered, ok.msgs)
	}
	var bad heard
	c = setup(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":`)
	}), client.WithMiddleware(hook(&bad)))
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err == nil {
		t.Fatal("a truncated reply decoded")
	}
	if !bad.registered || len(bad.msgs) != 1 || bad.msgs[0] != nil {
		t.Errorf("undecodable reply: registered %v, heard %v; want nil once", bad.registered, bad.msgs)
	}
	var streamed heard
	c = setup(t, serveCase(recordedReply(t, true)), client.WithMiddleware(hook(&streamed)))
	s, err := c.Messages.Stream(context.Background(), minimalRequest())
	if err != nil {
		t.Fatal(err)
	}
	for s.Next() {
	}
	_ = s.Close()
	if streamed.registered || len(streamed.msgs) != 0 {
		t.Errorf("stream: registered %v, heard %v; want no hook", streamed.registered, streamed.msgs)
	}
}

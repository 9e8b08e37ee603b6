package rttest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
)

// Run checks that the layers built by newLayer keep the net/http
// RoundTripper contract: the caller's request is never mutated; every
// response body the layer drops is closed, and so is every request body it
// obtains; a resent body is rewound to the same bytes; it stops promptly when
// the context ends; it is safe for concurrent use; a 200 passes through
// unchanged. newLayer is called once per check, so stateful layers start
// fresh; give it short waits (a millisecond of backoff): the checks run on
// fake transports, StopsOnContext in a synctest bubble, the others on the
// wall clock.
func Run(t *testing.T, newLayer func() client.Middleware) {
	t.Helper()
	checks := []struct {
		name string
		fn   func(*testing.T, client.Middleware)
		// bubble runs the check, and builds its layer, in a synctest
		// bubble: it measures how long the layer takes after its context
		// ends, which on the wall clock of a loaded machine says nothing.
		bubble bool
	}{
		{"PassesThrough", passesThrough, false},
		{"DoesNotMutateRequest", doesNotMutate, false},
		{"ClosesBodies", closesBodies, false},
		{"RewindsBody", rewindsBody, false},
		{"StopsOnContext", stopsOnContext, true},
		{"ConcurrentUse", concurrentUse, false},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.bubble {
				synctest.Test(t, func(t *testing.T) { c.fn(t, newLayer()) })
				return
			}
			c.fn(t, newLayer())
		})
	}
}

// fakeNext acts as a transport: it reads and closes the request body and
// answers with status, tracking every body it hands out.
type fakeNext struct {
	mu      sync.Mutex
	status  func(n int) int
	calls   int
	bodies  []*trackedBody
	reqBody [][]byte
}

func (f *fakeNext) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		var err error
		b, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.calls++
	st := f.status(f.calls)
	body := &trackedBody{Reader: strings.NewReader(`{"ok":true}`)}
	f.bodies = append(f.bodies, body)
	f.reqBody = append(f.reqBody, b)
	f.mu.Unlock()
	h := http.Header{"Content-Type": {"application/json"}, "X-Test": {"yes"}}
	if st == 503 {
		h.Set("retry-after-ms", "1")
	}
	return &http.Response{StatusCode: st, Header: h, Body: body, Request: req, ContentLength: -1}, nil
}

func (f *fakeNext) allClosed() (open int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, b := range f.bodies {
		if !b.closed.Load() {
			open++
		}
	}
	return open
}

type trackedBody struct {
	io.Reader
	closed atomic.Bool
}

func (b *trackedBody) Close() error { b.closed.Store(true); return nil }

const payload = `{"model":"claude-test","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}`

// newRequest builds a caller request whose bodies (the first and every
// GetBody copy) are tracked.
func newRequest(ctx context.Context) (*http.Request, *[]*trackedBody, *sync.Mutex) {
	var mu sync.Mutex
	var bodies []*trackedBody
	mk := func() *trackedBody {
		mu.Lock()
		defer mu.Unlock()
		b := &trackedBody{Reader: strings.NewReader(payload)}
		bodies = append(bodies, b)
		return b
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1:1/v1/messages", nil)
	req.Body = mk()
	req.GetBody = func() (io.ReadCloser, error) { return mk(), nil }
	req.ContentLength = int64(len(payload))
	req.Header.Set("x-api-key", "sk-ant-test-conformance")
	req.Header.Set("Content-Type", "application/json")
	return req, &bodies, &mu
}

func finish(resp *http.Response, err error) {
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func passesThrough(t *testing.T, mw client.Middleware) {
	next := &fakeNext{status: func(int) int { return 200 }}
	req, _, _ := newRequest(context.Background())
	resp, err := mw(next).RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || string(b) != `{"ok":true}` || resp.StatusCode != 200 || resp.Header.Get("X-Test") != "yes" {
		t.Fatalf("response changed: status %d body %q err %v", resp.StatusCode, b, err)
	}
	if next.calls != 1 || string(next.reqBody[0]) != payload {
		t.Fatalf("next saw %d calls, body %q", next.calls, next.reqBody)
	}
}

func doesNotMutate(t *testing.T, mw client.Middleware) {
	for _, st := range []int{200, 503} {
		next := &fakeNext{status: func(int) int { return st }}
		req, _, _ := newRequest(context.Background())
		url, host, hdr, method, cl := req.URL.String(), req.Host, req.Header.Clone(), req.Method, req.ContentLength
		finish(mw(next).RoundTrip(req))
		if req.URL.String() != url || req.Host != host || req.Method != method || req.ContentLength != cl || !equalHeader(req.Header, hdr) {
			t.Fatalf("status %d: caller's request was mutated: %s %s host %q header %v", st, req.Method, req.URL, req.Host, req.Header)
		}
	}
}

func equalHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\x00") != strings.Join(b[k], "\x00") {
			return false
		}
	}
	return true
}

func closesBodies(t *testing.T, mw client.Middleware) {
	for _, st := range []int{200, 503, 400} {
		next := &fakeNext{status: func(int) int { return st }}
		req, bodies, mu := newRequest(context.Background())
		finish(mw(next).RoundTrip(req))
		if n := next.allClosed(); n != 0 {
			t.Errorf("status %d: %d response bodies left open", st, n)
		}
		mu.Lock()
		for i, b := range *bodies {
			if !b.closed.Load() {
				t.Errorf("status %d: request body %d left open", st, i)
			}
		}
		mu.Unlock()
	}
}

func rewindsBody(t *testing.T, mw client.Middleware) {
	next := &fakeNext{status: func(n int) int {
		if n < 3 {
			return 503
		}
		return 200
	}}
	req, _, _ := newRequest(context.Background())
	finish(mw(next).RoundTrip(req))
	for i, b := range next.reqBody {
		if string(b) != payload {
			t.Fatalf("attempt %d sent body %q, want the original", i+1, b)
		}
	}
}

// stopsOnContext runs in a synctest bubble: the context's 50 ms pass on the
// bubble's clock, so a layer that returns late (waits out a backoff, sleeps
// to a reset) shows as more than 50 ms exactly, whatever the machine's load.
func stopsOnContext(t *testing.T, mw client.Middleware) {
	const deadline = 50 * time.Millisecond
	// next blocks until the request's context ends.
	block := client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if req.Body != nil {
			req.Body.Close()
		}
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	req, _, _ := newRequest(ctx)
	start := time.Now()
	resp, err := mw(block).RoundTrip(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("RoundTrip succeeded past its context")
	}
	if d := time.Since(start); d > deadline {
		t.Fatalf("RoundTrip returned %v after its context ended (deadline %v)", d-deadline, deadline)
	}
	// A layer that waits between attempts must stop too.
	next := &fakeNext{status: func(int) int { return 503 }}
	ctx2, cancel2 := context.WithTimeout(context.Background(), deadline)
	defer cancel2()
	req2, _, _ := newRequest(ctx2)
	start = time.Now()
	finish(mw(next).RoundTrip(req2))
	if d := time.Since(start); d > deadline {
		t.Fatalf("RoundTrip on 503s returned %v after its context ended (deadline %v)", d-deadline, deadline)
	}
}

func concurrentUse(t *testing.T, mw client.Middleware) {
	next := &fakeNext{status: func(n int) int {
		if n%3 == 0 {
			return 503
		}
		return 200
	}}
	rt := mw(next)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				req, _, _ := newRequest(context.Background())
				resp, err := rt.RoundTrip(req)
				if err != nil {
					if !isTyped(err) {
						errs <- err
					}
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("untyped error: %v", err)
	}
	if n := next.allClosed(); n != 0 {
		t.Errorf("%d response bodies left open", n)
	}
}

func isTyped(err error) bool {
	var apiErr *client.APIError
	return errors.As(err, &apiErr) || errors.Is(err, client.ErrRetriesExhausted) || errors.Is(err, client.ErrCircuitOpen) ||
		errors.Is(err, client.ErrRateLimitWait) || errors.Is(err, client.ErrNoEndpoint)
}

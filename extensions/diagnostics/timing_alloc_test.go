package diagnostics_test

import (
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
)

// TestTimingAllocations pins what timing one attempt allocates: 15. One
// tracer (state, hooks table and body wrapper together), its eight hooks
// (method values: they cannot be pooled, see TestLateHookTouchesNoOtherAttempt),
// the five of httptrace.WithClientTrace (two contexts, the net trace and its
// two DNS wrappers) and the request carrying the new context. The URL's
// text is kept from the previous attempt. It was 19 before the tracer, the
// hooks table, the body and its report closure became one allocation and
// the URL text was kept. Not parallel: AllocsPerRun counts every goroutine's
// allocations.
func TestTimingAllocations(t *testing.T) {
	reported := 0
	d := diagnostics.NewDiagnostics(diagnostics.Config{OnAttempt: func(diagnostics.Attempt) { reported++ }})
	resp := &http.Response{StatusCode: http.StatusOK}
	rt := d.Middleware(client.RoundTripperFunc(func(*http.Request) (*http.Response, error) {
		resp.Body = http.NoBody
		return resp, nil
	}))
	req, err := http.NewRequest(http.MethodPost, "https://api.example/v1/messages", http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		r, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = r.Body.Close()
	})
	if reported != 101 { // AllocsPerRun's warm-up run and its 100
		t.Fatalf("%d attempts reported, want 101", reported)
	}
	if allocs > 15 {
		t.Fatalf("%v allocations per timed attempt, want at most 15", allocs)
	}
}

// TestLateHookTouchesNoOtherAttempt: the transport may call an attempt's
// hooks after its RoundTrip returned (a connection dialed for it finishes in
// the background). Those events must not land in a later attempt, which is
// what a tracer reused from a pool would do.
func TestLateHookTouchesNoOtherAttempt(t *testing.T) {
	t.Parallel()
	var got []diagnostics.Attempt
	d := diagnostics.NewDiagnostics(diagnostics.Config{OnAttempt: func(a diagnostics.Attempt) { got = append(got, a) }})
	var traces []*httptrace.ClientTrace
	rt := d.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		traces = append(traces, httptrace.ContextClientTrace(r.Context()))
		if len(traces) == 2 {
			traces[1].GotConn(httptrace.GotConnInfo{Reused: true})
			// The first attempt's dial ends now, during the second.
			traces[0].ConnectStart("tcp", "127.0.0.1:1")
			traces[0].ConnectDone("tcp", "127.0.0.1:1", nil)
			traces[0].GotConn(httptrace.GotConnInfo{Reused: false})
		}
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody}, nil
	}))
	listModels(t, rt, 2)
	if len(got) != 2 || !got[1].Reused || got[1].Connect != 0 {
		t.Fatalf("attempts %+v: the second shows the first one's late connection", got)
	}
}

// addrConn is a connection that only knows its remote address.
type addrConn struct {
	net.Conn
	addr net.Addr
}

func (c addrConn) RemoteAddr() net.Addr { return c.addr }

// TestRemoteAddrPerConnection: the layer keeps the text of the last
// connection's address, and each attempt still shows its own connection's,
// whatever the type of address.
func TestRemoteAddrPerConnection(t *testing.T) {
	t.Parallel()
	var got []string
	d := diagnostics.NewDiagnostics(diagnostics.Config{OnAttempt: func(a diagnostics.Attempt) { got = append(got, a.RemoteAddr) }})
	a := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}
	b := &net.TCPAddr{IP: net.IPv6loopback, Port: 2}
	pipe, other := net.Pipe()
	defer pipe.Close()
	defer other.Close()
	conns := []net.Conn{addrConn{addr: a}, addrConn{addr: a}, addrConn{addr: b}, pipe, addrConn{addr: a}, addrConn{addr: (*net.TCPAddr)(nil)}}
	i := 0
	rt := d.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		httptrace.ContextClientTrace(r.Context()).GotConn(httptrace.GotConnInfo{Conn: conns[i]})
		i++
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody}, nil
	}))
	listModels(t, rt, len(conns))
	want := []string{"127.0.0.1:1", "127.0.0.1:1", "[::1]:2", "pipe", "127.0.0.1:1", "<nil>"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("remote addresses %q, want %q", got, want)
	}
}

// listModels sends n model-list requests through rt, one at a time, each
// body closed.
func listModels(t *testing.T, rt http.RoundTripper, n int) {
	t.Helper()
	for range n {
		req, err := http.NewRequest(http.MethodGet, "https://api.example/v1/models", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
}

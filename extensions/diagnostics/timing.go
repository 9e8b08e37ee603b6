package diagnostics

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http/httptrace"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// Attempt is the timing of one attempt, from net/http/httptrace. Phases that
// did not happen (DNS on a reused connection or an IP address, TLS over plain
// http) are zero.
type Attempt struct {
	Method string
	URL    string
	// Status is the response status, zero when the attempt failed.
	Status int
	// Err is the transport error, or an error reading the body.
	Err error
	// Start is when the attempt began.
	Start time.Time
	// DNS, Connect and TLS are the lengths of those phases.
	DNS, Connect, TLS time.Duration
	// FirstByte is the time from Start to the first response byte.
	FirstByte time.Duration
	// Total is the time from Start until the body was read to its end or
	// closed (for a stream: its whole length), or until the error.
	Total time.Duration
	// Reused is true when the attempt went over a kept-alive connection.
	Reused bool
	// RemoteAddr is the server's address.
	RemoteAddr string
}

// tracer is one attempt: its httptrace hooks, what they recorded, and the
// response body that reports the attempt when it ends. These share one
// allocation (they were four), and the hooks table is a field, not a second
// object.
//
// A tracer is never reused for another attempt, and that is why each
// attempt pays for its own eight hook closures: the transport may call a
// hook after RoundTrip returns (a connection dialed for this request but
// not used by it, or a request cancelled while its connection was being
// set up, finishes in the background: the net/http/httptrace docs say hooks
// may be called after the request has completed or failed), and a recycled
// tracer would record that late event as the timing of a later attempt.
// Hooks carry nothing that says which request they are for, so there is no
// way to tell a late event from a current one.
type tracer struct {
	d *Diagnostics
	// ctx is the attempt's context without the trace: the one report logs
	// with.
	ctx      context.Context
	body     timedBody
	reported atomic.Bool
	hooks    httptrace.ClientTrace

	// The transport may call the hooks from its own goroutines, so what
	// they write is guarded.
	mu                   sync.Mutex
	a                    Attempt
	dnsAt, connAt, tlsAt time.Time
}

// trace fills in the hooks, each a method of t (a hook that locked through
// a helper taking a func literal allocated that literal on every event),
// and returns them for httptrace.WithClientTrace, which may compose them
// with a trace already in the context, in place.
func (t *tracer) trace() *httptrace.ClientTrace {
	t.hooks = httptrace.ClientTrace{
		DNSStart:             t.dnsStart,
		DNSDone:              t.dnsDone,
		ConnectStart:         t.connectStart,
		ConnectDone:          t.connectDone,
		TLSHandshakeStart:    t.tlsStart,
		TLSHandshakeDone:     t.tlsDone,
		GotConn:              t.gotConn,
		GotFirstResponseByte: t.gotFirstByte,
	}
	return &t.hooks
}

func (t *tracer) dnsStart(httptrace.DNSStartInfo) {
	t.mu.Lock()
	t.dnsAt = time.Now()
	t.mu.Unlock()
}

func (t *tracer) dnsDone(httptrace.DNSDoneInfo) {
	t.mu.Lock()
	if !t.dnsAt.IsZero() {
		t.a.DNS = time.Since(t.dnsAt)
	}
	t.mu.Unlock()
}

func (t *tracer) connectStart(string, string) {
	t.mu.Lock()
	t.connAt = time.Now()
	t.mu.Unlock()
}

func (t *tracer) connectDone(_, _ string, err error) {
	t.mu.Lock()
	if err == nil && !t.connAt.IsZero() {
		t.a.Connect = time.Since(t.connAt)
	}
	t.mu.Unlock()
}

func (t *tracer) tlsStart() {
	t.mu.Lock()
	t.tlsAt = time.Now()
	t.mu.Unlock()
}

func (t *tracer) tlsDone(tls.ConnectionState, error) {
	t.mu.Lock()
	if !t.tlsAt.IsZero() {
		t.a.TLS = time.Since(t.tlsAt)
	}
	t.mu.Unlock()
}

func (t *tracer) gotConn(info httptrace.GotConnInfo) {
	addr := ""
	if info.Conn != nil {
		addr = t.d.addrString(info.Conn.RemoteAddr())
	}
	t.mu.Lock()
	t.a.Reused = info.Reused
	t.a.RemoteAddr = addr
	t.mu.Unlock()
}

func (t *tracer) gotFirstByte() {
	t.mu.Lock()
	t.a.FirstByte = time.Since(t.a.Start)
	t.mu.Unlock()
}

func (t *tracer) gotStatus(status int) {
	t.mu.Lock()
	t.a.Status = status
	t.mu.Unlock()
}

// end reports the attempt, once: when its body ends or is closed, or when
// RoundTrip failed (err).
func (t *tracer) end(err error) {
	if t.reported.CompareAndSwap(false, true) {
		t.d.report(t.ctx, t.finish(err))
	}
}

func (t *tracer) finish(err error) Attempt {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.a.Total = time.Now().Sub(t.a.Start)
	if err != nil && t.a.Err == nil {
		t.a.Err = err
	}
	return t.a
}

// timedBody is the response body; it ends its attempt when the body ends
// or is closed.
type timedBody struct {
	rc io.ReadCloser
	t  *tracer
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil {
		var end error
		if !errors.Is(err, io.EOF) {
			end = err
		}
		b.t.end(end)
	}
	return n, err
}

func (b *timedBody) Close() error {
	err := b.rc.Close()
	b.t.end(nil)
	return err
}

// urlText is a URL and its String, kept by Diagnostics for the next attempt
// to the same URL.
type urlText struct {
	u url.URL
	s string
}

// urlString is u.String(), without building the string again when u is the
// URL the last attempt went to (a client sends most calls to one or two).
func (d *Diagnostics) urlString(u *url.URL) string {
	if c := d.lastURL.Load(); c != nil && c.u == *u {
		return c.s
	}
	c := &urlText{u: *u, s: u.String()}
	d.lastURL.Store(c)
	return c.s
}

// addrText is a TCP connection's remote address and its String.
type addrText struct {
	addr *net.TCPAddr
	s    string
}

// addrString is a.String(), without building it again when a is the
// address of the TCP connection the last attempt went over: a kept-alive
// connection hands out the same *net.TCPAddr on every attempt. Other
// addresses are not kept: comparing net.Addr values of any type could
// panic on one that is not comparable.
func (d *Diagnostics) addrString(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp == nil {
		if a == nil {
			return ""
		}
		return a.String()
	}
	if c := d.lastAddr.Load(); c != nil && c.addr == tcp {
		return c.s
	}
	c := &addrText{addr: tcp, s: tcp.String()}
	d.lastAddr.Store(c)
	return c.s
}

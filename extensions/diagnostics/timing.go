package diagnostics

import (
	"crypto/tls"
	"errors"
	"io"
	"net/http/httptrace"
	"sync"
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

// tracer collects one attempt's httptrace events. The transport may call
// the hooks from its own goroutines, so fields are guarded.
type tracer struct {
	mu                   sync.Mutex
	a                    Attempt
	dnsAt, connAt, tlsAt time.Time
}

// trace returns the hooks, each a method of t: a hook that locked through
// a helper taking a func literal allocated that literal on every event.
func (t *tracer) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		DNSStart:             t.dnsStart,
		DNSDone:              t.dnsDone,
		ConnectStart:         t.connectStart,
		ConnectDone:          t.connectDone,
		TLSHandshakeStart:    t.tlsStart,
		TLSHandshakeDone:     t.tlsDone,
		GotConn:              t.gotConn,
		GotFirstResponseByte: t.gotFirstByte,
	}
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
		addr = info.Conn.RemoteAddr().String()
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

func (t *tracer) finish(err error) Attempt {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.a.Total = time.Now().Sub(t.a.Start)
	if err != nil && t.a.Err == nil {
		t.a.Err = err
	}
	return t.a
}

// timedBody reports the attempt when the body ends or is closed, once.
type timedBody struct {
	rc   io.ReadCloser
	once sync.Once
	done func(error)
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil {
		var end error
		if !errors.Is(err, io.EOF) {
			end = err
		}
		b.once.Do(func() { b.done(end) })
	}
	return n, err
}

func (b *timedBody) Close() error {
	err := b.rc.Close()
	b.once.Do(func() { b.done(nil) })
	return err
}

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
	mu                      sync.Mutex
	a                       Attempt
	dnsStart, connStart, tl time.Time
}

func (t *tracer) trace() *httptrace.ClientTrace {
	lock := func(f func()) { t.mu.Lock(); f(); t.mu.Unlock() }
	return &httptrace.ClientTrace{
		DNSStart: func(httptrace.DNSStartInfo) { lock(func() { t.dnsStart = time.Now() }) },
		DNSDone: func(httptrace.DNSDoneInfo) {
			lock(func() {
				if !t.dnsStart.IsZero() {
					t.a.DNS = time.Now().Sub(t.dnsStart)
				}
			})
		},
		ConnectStart: func(string, string) { lock(func() { t.connStart = time.Now() }) },
		ConnectDone: func(_, _ string, err error) {
			lock(func() {
				if err == nil && !t.connStart.IsZero() {
					t.a.Connect = time.Now().Sub(t.connStart)
				}
			})
		},
		TLSHandshakeStart: func() { lock(func() { t.tl = time.Now() }) },
		TLSHandshakeDone: func(tls.ConnectionState, error) {
			lock(func() {
				if !t.tl.IsZero() {
					t.a.TLS = time.Now().Sub(t.tl)
				}
			})
		},
		GotConn: func(info httptrace.GotConnInfo) {
			lock(func() {
				t.a.Reused = info.Reused
				if info.Conn != nil {
					t.a.RemoteAddr = info.Conn.RemoteAddr().String()
				}
			})
		},
		GotFirstResponseByte: func() { lock(func() { t.a.FirstByte = time.Now().Sub(t.a.Start) }) },
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

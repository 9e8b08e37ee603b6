package pipenet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
)

// ErrRefused is the dial error for a host no server listens on.
var ErrRefused = errors.New("pipenet: connection refused")

// Network routes dials by host to the servers started on it. The zero value
// is ready to use; a Network belongs to one test.
type Network struct {
	mu    sync.Mutex
	hosts map[string]*listener
}

// Serve starts an http.Server for h on a new host of n and returns its base
// URL. Hosts are loopback addresses ("http://127.0.0.1:10001", ...), which
// the client's and failover's plain-HTTP rule accept; no socket is opened. The server and its connections are closed
// when the test ends (inside the bubble, under synctest).
func (n *Network) Serve(t testing.TB, h http.Handler) string {
	t.Helper()
	n.mu.Lock()
	if n.hosts == nil {
		n.hosts = map[string]*listener{}
	}
	host := fmt.Sprintf("127.0.0.1:%d", 10001+len(n.hosts))
	l := &listener{host: host, conns: make(chan net.Conn), done: make(chan struct{})}
	n.hosts[host] = l
	n.mu.Unlock()
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + host
}

// Down returns the base URL of a loopback host of n where nothing listens:
// dials fail with ErrRefused.
func (n *Network) Down() string { return "http://127.0.0.1:9" }

// Client returns an http.Client whose transport dials n. Its idle
// connections are closed when the test ends.
func (n *Network) Client(t testing.TB) *http.Client {
	tr := &http.Transport{DialContext: n.dial}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

func (n *Network) dial(ctx context.Context, _, addr string) (net.Conn, error) {
	n.mu.Lock()
	l := n.hosts[addr]
	n.mu.Unlock()
	if l == nil {
		return nil, &net.OpError{Op: "dial", Net: "pipenet", Err: ErrRefused}
	}
	c, s := net.Pipe()
	select {
	case l.conns <- s:
		return c, nil
	case <-l.done:
		return nil, &net.OpError{Op: "dial", Net: "pipenet", Err: ErrRefused}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// listener hands the server ends of dialled pipes to http.Server.
type listener struct {
	host  string
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *listener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *listener) Addr() net.Addr { return addr(l.host) }

type addr string

func (a addr) Network() string { return "pipenet" }
func (a addr) String() string  { return string(a) }

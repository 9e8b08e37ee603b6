package preset_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/preset"
	"github.com/claudego/claude/extensions/ratelimit"
	"github.com/claudego/claude/extensions/retry"
	"github.com/claudego/claude/streaming"
)

// The verdict tests run every way a stream ends through c.Messages.Stream,
// with each reliability layer alone and with the preset, and check that the
// Stream, the retry layer and the circuit breaker read the same verdict.
// Time is synctest's: the server runs in the bubble over in-memory
// connections (the HTTP/1.1 wire format, unchanged), so a stall costs no
// real time and the idle timeout fires exactly.

// pipeListener hands the server the far ends of the client's dials.
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error { l.once.Do(func() { close(l.done) }); return nil }
func (l *pipeListener) Addr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}
}

// pipeServer serves h inside the bubble and returns a client of it. Call it
// inside synctest.Test; everything is shut down at the end of the test.
func pipeServer(t *testing.T, h http.HandlerFunc, opts ...client.Option) *client.Client {
	ln := &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(ln) }()
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		a, b := net.Pipe()
		select {
		case ln.conns <- b:
			return a, nil
		case <-ln.done:
			return nil, net.ErrClosed
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		_ = srv.Close()
	})
	all := append([]client.Option{
		client.WithAPIKey("sk-ant-test-verdict"),
		client.WithBaseURL("http://127.0.0.1"),
		client.WithHTTPClient(&http.Client{Transport: tr}),
		client.WithStreamIdleTimeout(time.Second),
	}, opts...)
	c, err := client.New(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	evStart  = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
	evBlock  = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
	evDelta  = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
	evEnd    = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
	evError  = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
	evBroken = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\n\n"
)

// ending is one way for a stream to end, after its first content.
type ending struct {
	name    string
	tail    string // what the server sends after the first delta
	stall   bool   // then wait for the client to go away
	caller  string // "cancel" or "close" after the first delta
	outcome streaming.Outcome
	err     error // what Err matches (nil: Err is nil)
	counted int   // breaker: +1 success, -1 failure, 0 not counted
}

var endings = []ending{
	{name: "completed", tail: evEnd, outcome: streaming.OutcomeCompleted, counted: +1},
	{name: "error event", tail: evError, outcome: streaming.OutcomeErrorEvent, err: client.ErrOverloaded, counted: -1},
	{name: "truncated", outcome: streaming.OutcomeTruncated, err: client.ErrTruncated, counted: -1},
	{name: "idle timeout", stall: true, outcome: streaming.OutcomeIdleTimeout, err: client.ErrIdleTimeout, counted: -1},
	{name: "malformed", tail: evBroken, outcome: streaming.OutcomeMalformed, err: client.ErrMalformedEvent, counted: -1},
	{name: "cancelled", stall: true, caller: "cancel", outcome: streaming.OutcomeCanceled, err: context.Canceled},
	{name: "abandoned", stall: true, caller: "close", outcome: streaming.OutcomeAbandoned},
}

// layers are the configurations under test; breaker returns the breaker to
// check, when there is one.
type layers struct {
	name string
	opts func() ([]client.Option, *circuitbreaker.Breaker)
}

var configs = []layers{
	{"none", func() ([]client.Option, *circuitbreaker.Breaker) { return nil, nil }},
	{"retry", func() ([]client.Option, *circuitbreaker.Breaker) {
		return []client.Option{retry.New(retry.Config{RetryStreamPrelude: true})}, nil
	}},
	{"circuitbreaker", func() ([]client.Option, *circuitbreaker.Breaker) {
		b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 100})
		return []client.Option{b.Option()}, b
	}},
	{"ratelimit", func() ([]client.Option, *circuitbreaker.Breaker) {
		return []client.Option{ratelimit.New(ratelimit.Config{})}, nil
	}},
	{"preset", func() ([]client.Option, *circuitbreaker.Breaker) {
		p := preset.NewPreset(preset.Config{Breaker: circuitbreaker.Config{FailureThreshold: 100}})
		return []client.Option{p.Option()}, p.Breaker
	}},
}

var streamReq = client.MessageRequest{Model: "m", MaxTokens: 8, Messages: []client.MessageParam{client.UserText("hi")}}

// TestStreamVerdict: after its first content, every ending reads the same
// through every layer: the Stream's Err and Verdict, and the breaker's
// counts (completed a success; error event, truncated, idle timeout and
// malformed failures; cancelled and abandoned not counted).
func TestStreamVerdict(t *testing.T) {
	for _, cfg := range configs {
		for _, e := range endings {
			t.Run(cfg.name+"/"+e.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					opts, breaker := cfg.opts()
					c := pipeServer(t, func(w http.ResponseWriter, r *http.Request) {
						w.Header().Set("Content-Type", "text/event-stream")
						_, _ = io.WriteString(w, evStart+evBlock+evDelta+e.tail)
						w.(http.Flusher).Flush()
						if e.stall {
							<-r.Context().Done()
						}
					}, opts...)
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					s, err := c.Messages.Stream(ctx, streamReq)
					if err != nil {
						t.Fatal(err)
					}
					for s.Next() {
						if _, ok := s.Event().TextDelta(); ok {
							switch e.caller {
							case "cancel":
								cancel()
							case "close":
								_ = s.Close()
							}
						}
					}
					_ = s.Close()
					if got := s.Verdict().Outcome; got != e.outcome {
						t.Errorf("outcome %v, want %v (err %v)", got, e.outcome, s.Err())
					}
					if e.err == nil && s.Err() != nil || e.err != nil && !errors.Is(s.Err(), e.err) {
						t.Errorf("err %v, want %v", s.Err(), e.err)
					}
					if breaker == nil {
						return
					}
					n := breaker.Counts()
					switch {
					case e.counted > 0 && (n.TotalSuccesses != 1 || n.TotalFailures != 0),
						e.counted < 0 && (n.TotalSuccesses != 0 || n.TotalFailures != 1),
						e.counted == 0 && (n.TotalSuccesses != 0 || n.TotalFailures != 0):
						t.Errorf("breaker counts %+v, want %+d", n, e.counted)
					}
				})
			})
		}
	}
}

// TestStallBeforeContent: a stream that goes silent after message_start
// fails before content. With the retry layer's stream prelude (alone or in
// the preset) it is retried, each attempt bounded by the idle timeout, and
// the call fails with ErrIdleTimeout once retries run out; without it the
// Stream ends with ErrIdleTimeout one idle period after the last byte.
// Before, the prelude read ignored the idle timeout and waited out the
// stall.
func TestStallBeforeContent(t *testing.T) {
	for _, cfg := range configs {
		t.Run(cfg.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				opts, breaker := cfg.opts()
				var attempts int
				var mu sync.Mutex
				c := pipeServer(t, func(w http.ResponseWriter, r *http.Request) {
					mu.Lock()
					attempts++
					mu.Unlock()
					w.Header().Set("Content-Type", "text/event-stream")
					_, _ = io.WriteString(w, evStart)
					w.(http.Flusher).Flush()
					<-r.Context().Done()
				}, opts...)
				start := time.Now()
				s, err := c.Messages.Stream(context.Background(), streamReq)
				retried := cfg.name == "retry" || cfg.name == "preset"
				if retried {
					// 3 attempts of one idle period each, and the two
					// backoffs between them (at most 0.5 s and 1 s).
					elapsed := time.Since(start)
					if !errors.Is(err, client.ErrIdleTimeout) || !errors.Is(err, client.ErrRetriesExhausted) {
						t.Fatalf("err %v, want idle timeout after retries", err)
					}
					if attempts != 3 || elapsed < 3*time.Second || elapsed > 3*time.Second+1500*time.Millisecond {
						t.Fatalf("%d attempts in %v", attempts, elapsed)
					}
					if breaker != nil && breaker.Counts().TotalFailures != 1 {
						t.Fatalf("breaker %+v", breaker.Counts())
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				for s.Next() {
				}
				if !errors.Is(s.Err(), client.ErrIdleTimeout) || s.Verdict().Outcome != streaming.OutcomeIdleTimeout {
					t.Fatalf("err %v verdict %v", s.Err(), s.Verdict().Outcome)
				}
				if elapsed := time.Since(start); elapsed != time.Second {
					t.Fatalf("idle timeout after %v, want 1s", elapsed)
				}
				if breaker != nil && breaker.Counts().TotalFailures != 1 {
					t.Fatalf("breaker %+v", breaker.Counts())
				}
			})
		})
	}
}

// TestPreludeStopsWithContext: with no idle timeout, a stream stalled
// before content still ends when the call's deadline passes, at the
// deadline, with the context's error and no retry (the stream is handed
// over as it came, ended).
func TestPreludeStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var attempts int
		var mu sync.Mutex
		c := pipeServer(t, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			attempts++
			mu.Unlock()
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, evStart)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, client.WithStreamIdleTimeout(0), preset.Recommended())
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		s, err := c.Messages.Stream(ctx, streamReq)
		if err == nil {
			for s.Next() {
			}
			err = s.Err()
			if s.Verdict().Outcome != streaming.OutcomeCanceled {
				t.Fatalf("verdict %v", s.Verdict().Outcome)
			}
		}
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 2*time.Second || attempts != 1 {
			t.Fatalf("err %v after %v and %d attempts", err, time.Since(start), attempts)
		}
	})
}

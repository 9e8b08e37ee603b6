package faults_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/failover"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/preset"
	"github.com/claudego/claude/extensions/retry"
	"github.com/claudego/claude/streaming"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// callTimeout is every call's context deadline.
const callTimeout = 3 * time.Second

// ConnRefused is not served: the client is pointed at a port nothing
// listens on.
const ConnRefused rttest.Fault = "connection refused"

// fastRetry is the SDK-default policy with backoff cut 100-fold (5 ms
// doubling to 10 ms) and a 250 ms per-attempt timeout (the slow-headers fault
// waits 700 ms). The server's short retry-after is cut the same way (run sets
// the fault server's RetryAfter to 10 ms); the 30 s one is not, so the
// deadline-aware cell still sees a wait that passes the call's deadline.
func fastRetry() retry.Config {
	return retry.Config{
		AttemptTimeout: 250 * time.Millisecond,
		BaseDelay:      5 * time.Millisecond,
		MaxDelay:       10 * time.Millisecond,
	}
}

// sem bounds how many cases run at once, so per-attempt timeouts measure
// the server, not a saturated 2-core machine under -race.
var sem = make(chan struct{}, 8)

// config is one set of layers, built fresh per case.
type config struct {
	name                     string
	retry, prelude, failover bool
	opts                     func(t *testing.T, base, down string) []client.Option
}

var configs = []config{
	{name: "nothing on", opts: func(*testing.T, string, string) []client.Option { return nil }},
	{name: "retry", retry: true, opts: func(*testing.T, string, string) []client.Option {
		return []client.Option{retry.New(fastRetry())}
	}},
	{name: "retry+breaker", retry: true, opts: func(*testing.T, string, string) []client.Option {
		return []client.Option{retry.New(fastRetry()), circuitbreaker.New(circuitbreaker.Config{})}
	}},
	{name: "preset", retry: true, prelude: true, opts: func(*testing.T, string, string) []client.Option {
		return []client.Option{preset.New(preset.Config{Retry: fastRetry()})}
	}},
	{name: "retry+failover (2 endpoints, 1 down)", retry: true, failover: true, opts: func(t *testing.T, base, down string) []client.Option {
		r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: down}, {BaseURL: base}}})
		if err != nil {
			t.Fatal(err)
		}
		return []client.Option{retry.New(fastRetry()), r.Option()}
	}},
}

type row struct {
	fault  rttest.Fault
	stream bool
}

func (r row) String() string {
	if r.stream {
		return string(r.fault) + " (stream)"
	}
	return string(r.fault)
}

var rows = []row{
	{rttest.OK, false}, {rttest.OK, true},
	{rttest.RateLimited, false}, {rttest.RateLimitedLong, false},
	{rttest.Overloaded, false}, {rttest.Overloaded, true},
	{rttest.Status500, false}, {rttest.Status502, false}, {rttest.Status503, false},
	{ConnRefused, false}, {rttest.ResetBeforeHeaders, false},
	{rttest.ResetMidStream, true}, {rttest.TruncatedStream, true},
	{rttest.ErrorEventMidStream, true}, {rttest.ErrorEventPrelude, true},
	{rttest.MalformedJSON, false}, {rttest.StalledBody, false}, {rttest.SlowHeaders, false},
	{rttest.HTML502, false},
}

var request = client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("What's 2 + 2?")}}

// outcome is what one call did.
type outcome struct {
	attempts int // requests the server saw
	sent     int // requests the transport sent (dials to a down endpoint included)
	err      error
	msg      *client.Message
	elapsed  time.Duration
}

// run makes one call through a real client against a fault server and checks
// that nothing outlives it: the call returns once its deadline has passed
// (a hang shows as twice the deadline; the slack is for a loaded CI machine,
// not a timing target) and every server connection is closed afterwards.
func run(t *testing.T, cfg config, r row, plan func(int) rttest.Fault) outcome {
	srv := rttest.NewServer(t, plan)
	srv.SlowDelay = 700 * time.Millisecond
	srv.RetryAfter = 10 * time.Millisecond
	base, down := srv.URL, rttest.DownURL(t)
	if r.fault == ConnRefused {
		base = rttest.DownURL(t)
	}
	var sent atomic.Int32
	tr := &http.Transport{MaxConnsPerHost: 16, MaxIdleConnsPerHost: 16, DisableCompression: true}
	counting := client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		sent.Add(1)
		return tr.RoundTrip(req)
	})
	opts := append([]client.Option{client.WithAPIKey("sk-ant-test-faults"), client.WithBaseURL(base),
		client.WithHTTPClient(&http.Client{Transport: counting})}, cfg.opts(t, base, down)...)
	c, err := client.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	start := time.Now()
	var out outcome
	if r.stream {
		s, err := c.Messages.Stream(ctx, request)
		if err == nil {
			for s.Next() {
			}
			err = s.Err()
			out.msg = s.Message()
			s.Close()
		}
		out.err = err
	} else {
		out.msg, out.err = c.Messages.Create(ctx, request)
	}
	out.elapsed = time.Since(start)
	cancel()
	tr.CloseIdleConnections()
	if n := srv.WaitNoConns(2 * time.Second); n != 0 {
		t.Errorf("%d server connections still open after the call", n)
	}
	if out.elapsed > 2*callTimeout {
		t.Errorf("call took %v: it outlived its %v deadline", out.elapsed, callTimeout)
	}
	out.attempts, out.sent = srv.Attempts(), int(sent.Load())
	return out
}

// kind names an error for the table and the assertions.
func kind(err error) string {
	if err == nil {
		return "ok"
	}
	var re *retry.Error
	if errors.As(err, &re) {
		if !errors.Is(err, client.ErrRetriesExhausted) {
			return "RetryError not matching ErrRetriesExhausted"
		}
		d := ""
		if re.Deadline {
			d = ", deadline"
		}
		return fmt.Sprintf("RetryError{%d%s}(%s)", re.Attempts, d, inner(re.Last))
	}
	return inner(err)
}

func inner(err error) string {
	var apiErr *client.APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.MidStream:
		return "APIError mid-stream " + apiErr.Type
	case errors.As(err, &apiErr):
		return strings.TrimSpace(fmt.Sprintf("APIError %d %s", apiErr.StatusCode, apiErr.Type))
	case errors.Is(err, client.ErrCircuitOpen):
		return "ErrCircuitOpen"
	case errors.Is(err, client.ErrNoEndpoint):
		return "ErrNoEndpoint"
	case errors.Is(err, client.ErrRateLimitWait):
		return "ErrRateLimitWait"
	case errors.Is(err, retry.ErrAttemptTimeout):
		return "ErrAttemptTimeout"
	case errors.Is(err, streaming.ErrTruncated) && errors.Is(err, syscall.ECONNRESET):
		return "stream truncated (conn reset)"
	case errors.Is(err, streaming.ErrTruncated):
		return "stream truncated"
	case errors.Is(err, context.DeadlineExceeded):
		return "ctx deadline"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "conn refused"
	case errors.Is(err, syscall.ECONNRESET), strings.HasSuffix(err.Error(), ": EOF"):
		return "conn reset"
	case errors.Is(err, client.ErrDecode):
		return "decode error"
	}
	return "untyped: " + err.Error()
}

// expect is the specified behaviour of each cell: requests the server sees,
// requests the transport sends, and the error.
func expect(cfg config, r row) (attempts, sent int, k string) {
	extra := 0
	if cfg.failover {
		extra = 1 // the down endpoint, tried once, then cooling down
	}
	retried := func(n int, e string) (int, int, string) {
		if cfg.retry {
			return 3, 3 + extra, fmt.Sprintf("RetryError{3}(%s)", e)
		}
		return 1, 1, e
	}
	switch r.fault {
	case rttest.OK:
		return 1, 1 + extra, "ok"
	case rttest.RateLimited:
		return retried(3, "APIError 429 rate_limit_error")
	case rttest.RateLimitedLong:
		if cfg.retry {
			return 1, 1 + extra, "RetryError{1, deadline}(APIError 429 rate_limit_error)"
		}
		return 1, 1, "APIError 429 rate_limit_error"
	case rttest.Overloaded:
		return retried(3, "APIError 529 overloaded_error")
	case rttest.Status500, rttest.Status502, rttest.Status503:
		return retried(3, fmt.Sprintf("APIError %s api_error", r.fault))
	case rttest.HTML502:
		return retried(3, "APIError 502")
	case ConnRefused:
		switch {
		case cfg.failover:
			return 0, 2, "ErrNoEndpoint" // both endpoints unreachable, then both cooling down
		case cfg.retry:
			return 0, 3, "RetryError{3}(conn refused)"
		}
		return 0, 1, "conn refused"
	case rttest.ResetBeforeHeaders:
		return retried(3, "conn reset")
	case rttest.ResetMidStream:
		return 1, 1 + extra, "stream truncated (conn reset)"
	case rttest.TruncatedStream:
		return 1, 1 + extra, "stream truncated"
	case rttest.ErrorEventMidStream:
		return 1, 1 + extra, "APIError mid-stream overloaded_error"
	case rttest.ErrorEventPrelude:
		if cfg.prelude {
			return 3, 3 + extra, "RetryError{3}(APIError mid-stream overloaded_error)"
		}
		return 1, 1 + extra, "APIError mid-stream overloaded_error"
	case rttest.MalformedJSON:
		return 1, 1 + extra, "decode error"
	case rttest.StalledBody:
		return 1, 1 + extra, "ctx deadline"
	case rttest.SlowHeaders:
		if cfg.retry {
			return 3, 3 + extra, "RetryError{3}(ErrAttemptTimeout)"
		}
		return 1, 1, "ok"
	}
	panic("no expectation for " + r.String())
}

// TestFaultTable runs every fault against every configuration and logs the
// table (go test -run TestFaultTable -v).
func TestFaultTable(t *testing.T) {
	type cell struct {
		attempts, sent int
		kind           string
	}
	var mu sync.Mutex
	table := map[string]cell{}
	t.Run("cases", func(t *testing.T) {
		for _, r := range rows {
			for _, cfg := range configs {
				t.Run(r.String()+"/"+cfg.name, func(t *testing.T) {
					t.Parallel()
					sem <- struct{}{}
					defer func() { <-sem }()
					out := run(t, cfg, r, rttest.Always(r.fault))
					k := kind(out.err)
					mu.Lock()
					table[r.String()+"|"+cfg.name] = cell{out.attempts, out.sent, k}
					mu.Unlock()
					wa, ws, wk := expect(cfg, r)
					if out.attempts != wa || out.sent != ws || k != wk {
						t.Errorf("got %d attempts (%d sent), %s; want %d (%d sent), %s [err: %v]", out.attempts, out.sent, k, wa, ws, wk, out.err)
					}
					if out.err == nil && (out.msg == nil || out.msg.Text() != "2 + 2 = 4" && out.msg.Text() != "Hello") {
						t.Errorf("success without the expected message: %+v", out.msg)
					}
				})
			}
		}
	})
	var b strings.Builder
	b.WriteString("\n| fault | " + strings.Join(names(), " | ") + " |\n|---|" + strings.Repeat("---|", len(configs)) + "\n")
	for _, r := range rows {
		b.WriteString("| " + r.String() + " |")
		for _, cfg := range configs {
			c := table[r.String()+"|"+cfg.name]
			fmt.Fprintf(&b, " %d/%d: %s |", c.attempts, c.sent, c.kind)
		}
		b.WriteString("\n")
	}
	t.Log("attempts seen by the server / sent by the transport: error returned" + b.String())
}

func names() []string {
	var n []string
	for _, c := range configs {
		n = append(n, c.name)
	}
	return n
}

// TestRecoveryReturnsCleanValue: a fault that clears after one attempt is
// retried and the call returns exactly what a clean call returns.
func TestRecoveryReturnsCleanValue(t *testing.T) {
	clean := map[bool][]byte{}
	for _, stream := range []bool{false, true} {
		out := run(t, configs[0], row{rttest.OK, stream}, rttest.Always(rttest.OK))
		if out.err != nil {
			t.Fatal(out.err)
		}
		b, _ := json.Marshal(out.msg)
		clean[stream] = b
	}
	transient := []row{{rttest.RateLimited, false}, {rttest.Overloaded, false}, {rttest.Overloaded, true}, {rttest.Status500, false},
		{rttest.Status502, false}, {rttest.Status503, false}, {rttest.ResetBeforeHeaders, false}, {rttest.SlowHeaders, false},
		{rttest.HTML502, false}, {rttest.ErrorEventPrelude, true}}
	for _, cfg := range configs[1:] {
		for _, r := range transient {
			if r.fault == rttest.ErrorEventPrelude && !cfg.prelude {
				continue
			}
			t.Run(r.String()+"/"+cfg.name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				out := run(t, cfg, r, rttest.Then(r.fault, 1, rttest.OK))
				if out.err != nil || out.attempts != 2 {
					t.Fatalf("err %v after %d attempts, want success after 2", out.err, out.attempts)
				}
				if b, _ := json.Marshal(out.msg); string(b) != string(clean[r.stream]) {
					t.Fatalf("retried value differs from a clean call:\n%s\n%s", b, clean[r.stream])
				}
			})
		}
	}
}

// TestConcurrentPreset: 1,000 Create calls and 200 streams at once through
// one client with the preset, against a server failing 20% of requests at
// random. Every call ends, with success or a typed error.
func TestConcurrentPreset(t *testing.T) {
	failures := []rttest.Fault{rttest.Overloaded, rttest.Status500, rttest.Status503, rttest.ResetBeforeHeaders, rttest.ErrorEventPrelude}
	var rmu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	srv := rttest.NewServer(t, func(int) rttest.Fault {
		rmu.Lock()
		defer rmu.Unlock()
		if rng.Float64() < 0.2 {
			return failures[rng.IntN(len(failures))]
		}
		return rttest.OK
	})
	tr := &http.Transport{MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	// No per-attempt timeout here: 1,200 calls share 64 connections, so an
	// attempt may queue for a connection far longer than 150 ms.
	rp := fastRetry()
	rp.AttemptTimeout = 0
	p := preset.NewPreset(preset.Config{Retry: rp})
	c, err := client.New(client.WithAPIKey("sk-ant-test-faults"), client.WithBaseURL(srv.URL),
		client.WithHTTPClient(&http.Client{Transport: tr}), p.Option())
	if err != nil {
		t.Fatal(err)
	}
	const creates, streams = 1000, 200
	results := make(chan string, creates+streams)
	var wg sync.WaitGroup
	for i := 0; i < creates+streams; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var err error
			if i < creates {
				_, err = c.Messages.Create(ctx, request)
			} else {
				var s *streaming.Stream
				if s, err = c.Messages.Stream(ctx, request); err == nil {
					for s.Next() {
					}
					err = s.Err()
					s.Close()
				}
			}
			k := kind(err)
			if strings.HasPrefix(k, "untyped") {
				t.Errorf("call %d: %s", i, k)
			}
			results <- k
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(45 * time.Second):
		t.Fatal("calls still running after 45s: a call hangs")
	}
	close(results)
	counts := map[string]int{}
	for k := range results {
		counts[k]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "\n  %5d  %s", counts[k], k)
	}
	t.Logf("%d calls, server saw %d requests, breaker %v:%s", creates+streams, srv.Attempts(), p.Breaker.State(), b.String())
	if counts["ok"] < (creates+streams)*9/10 {
		t.Errorf("only %d of %d calls succeeded", counts["ok"], creates+streams)
	}
	tr.CloseIdleConnections()
	if n := srv.WaitNoConns(3 * time.Second); n != 0 {
		t.Errorf("%d server connections still open", n)
	}
}

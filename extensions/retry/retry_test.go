package retry_test

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/pipenet"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/retry"
)

// recordWaits makes p record, through OnAttempt, every wait it decides on.
func recordWaits(p retry.Config) (retry.Config, *[]time.Duration) {
	var mu sync.Mutex
	var waits []time.Duration
	prev := p.OnAttempt
	p.OnAttempt = func(a retry.Attempt) {
		if a.Retry {
			mu.Lock()
			waits = append(waits, a.Delay)
			mu.Unlock()
		}
		if prev != nil {
			prev(a)
		}
	}
	return p, &waits
}

// quick is a policy whose waits are a millisecond, for tests on fake
// transports outside a synctest bubble.
var quick = retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}

func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware { return retry.Middleware(quick) })
}

func TestConformanceStreamPrelude(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		p := quick
		p.RetryStreamPrelude, p.AttemptTimeout = true, time.Second
		return retry.Middleware(p)
	})
}

func TestBackoffDefaults(t *testing.T) {
	t.Parallel()
	p := retry.Config{Jitter: retry.NoJitter}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second}
	for i, w := range want {
		if got := p.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	// The default jitter takes up to 25 % off: a seeded generator's draw r
	// gives exactly 500ms - 125ms*r.
	r := rand.New(rand.NewPCG(7, 7)).Float64()
	seeded := retry.Config{JitterSeed: 7}
	if got, want := seeded.Backoff(1), 500*time.Millisecond-time.Duration(float64(125*time.Millisecond)*r); got != want {
		t.Errorf("seeded Backoff(1) = %v, want %v", got, want)
	}
}

// TestJitterSeedRepeats: two layers with the same JitterSeed wait the same
// durations through the same failures, and a different seed waits
// differently; every wait stays within the jitter's 25 %.
func TestJitterSeedRepeats(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		run := func(seed uint64) []time.Duration {
			srv := newServer(t, rttest.Always(rttest.Overloaded))
			p, waits := recordWaits(retry.Config{JitterSeed: seed, MaxRetries: 4})
			c := newClient(t, srv, retry.New(p))
			if _, err := c.Messages.Create(context.Background(), req); !errors.Is(err, client.ErrRetriesExhausted) {
				t.Fatalf("err = %v", err)
			}
			return *waits
		}
		a, b, other := run(42), run(42), run(43)
		if len(a) != 4 || !slices.Equal(a, b) || slices.Equal(a, other) {
			t.Fatalf("seed 42 waited %v then %v; seed 43 %v", a, b, other)
		}
		for i, d := range a {
			full := (500 * time.Millisecond) << i
			if d > full || d < full*3/4 {
				t.Errorf("wait %d = %v, outside [%v, %v]", i+1, d, full*3/4, full)
			}
		}
	})
}

// server is the fault server on an in-memory network, for tests in a
// synctest bubble: the layer's waits and timeouts run on the bubble's clock.
type server struct {
	*rttest.Faults
	url string
	hc  *http.Client
}

func newServer(t *testing.T, plan func(n int) rttest.Fault) *server {
	var n pipenet.Network
	f := rttest.NewFaults(t, plan)
	return &server{Faults: f, url: n.Serve(t, f), hc: n.Client(t)}
}

// statusServer answers each attempt with the next status, then 200.
func statusServer(t *testing.T, statuses ...int) *server {
	faults := map[int]rttest.Fault{429: rttest.RateLimited, 500: rttest.Status500, 502: rttest.Status502, 503: rttest.Status503, 529: rttest.Overloaded}
	return newServer(t, func(n int) rttest.Fault {
		if n <= len(statuses) {
			return faults[statuses[n-1]]
		}
		return rttest.OK
	})
}

func newClient(t *testing.T, srv *server, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(append([]client.Option{client.WithAPIKey("sk-ant-test-retry"), client.WithBaseURL(srv.url),
		client.WithHTTPClient(srv.hc)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var req = client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("What's 2 + 2?")}}

// The tests below run in synctest bubbles over an in-memory network: the
// layer's backoff, retry-after waits and attempt timeouts pass on the
// bubble's clock, at once, with no time hook in Config.

func TestRetriesThenSucceeds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := statusServer(t, 529, 500)
		var attempts []retry.Attempt
		p, waits := recordWaits(retry.Config{Jitter: retry.NoJitter, OnAttempt: func(a retry.Attempt) { attempts = append(attempts, a) }})
		c := newClient(t, srv, retry.New(p))
		start := time.Now()
		msg, err := c.Messages.Create(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if msg.Text() != "2 + 2 = 4" || srv.Attempts() != 3 {
			t.Fatalf("text %q after %d attempts", msg.Text(), srv.Attempts())
		}
		if len(*waits) != 2 || (*waits)[0] != 500*time.Millisecond || (*waits)[1] != time.Second {
			t.Fatalf("waits %v, want [500ms 1s]", *waits)
		}
		if got := time.Since(start); got != 1500*time.Millisecond {
			t.Fatalf("the call took %v on the bubble's clock, want the 1.5s it waited", got)
		}
		if len(attempts) != 3 || !attempts[0].Retry || attempts[0].StatusCode != 529 || !errors.Is(attempts[0].Err, client.ErrOverloaded) || attempts[2].Err != nil {
			t.Fatalf("attempts observed: %+v", attempts)
		}
	})
}

func TestExhaustedIsTyped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := statusServer(t, 529, 529, 529, 529)
		c := newClient(t, srv, retry.New(retry.Config{}))
		_, err := c.Messages.Create(context.Background(), req)
		var re *retry.Error
		var apiErr *client.APIError
		if !errors.As(err, &re) || re.Attempts != 3 || !errors.Is(err, client.ErrRetriesExhausted) ||
			!errors.Is(err, client.ErrOverloaded) || !errors.As(err, &apiErr) || apiErr.StatusCode != 529 {
			t.Fatalf("err = %v", err)
		}
		if srv.Attempts() != 3 {
			t.Fatalf("server saw %d attempts, want 3", srv.Attempts())
		}
	})
}

func TestRetryAfterHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := statusServer(t, 429)
		p, waits := recordWaits(retry.Config{})
		c := newClient(t, srv, retry.New(p))
		start := time.Now()
		if _, err := c.Messages.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		if len(*waits) != 1 || (*waits)[0] != time.Second || time.Since(start) != time.Second {
			t.Fatalf("waits %v over %v, want [1s] from retry-after", *waits, time.Since(start))
		}
	})
}

func TestDeadlineAwareReturnsTyped429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newServer(t, rttest.Always(rttest.RateLimitedLong))
		p, waits := recordWaits(retry.Config{})
		c := newClient(t, srv, retry.New(p))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.Messages.Create(ctx, req)
		var re *retry.Error
		var apiErr *client.APIError
		if !errors.As(err, &re) || !re.Deadline || re.Attempts != 1 || !errors.As(err, &apiErr) || apiErr.RetryAfter != 30*time.Second ||
			!errors.Is(err, client.ErrRateLimited) {
			t.Fatalf("err = %v", err)
		}
		if len(*waits) != 0 || time.Since(start) != 0 {
			t.Fatalf("waited %v (%v) instead of returning at once", *waits, time.Since(start))
		}
	})
}

func TestNeverRetriesClientErrors(t *testing.T) {
	t.Parallel()
	for _, st := range []int{400, 401, 403, 404, 413, 422} {
		n := 0
		rt := retry.Middleware(retry.Config{})(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			n++
			return &http.Response{StatusCode: st, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}"))}, nil
		}))
		r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader("{}"))
		resp, err := rt.RoundTrip(r)
		if err != nil || resp.StatusCode != st || n != 1 {
			t.Fatalf("status %d: err %v after %d attempts", st, err, n)
		}
		resp.Body.Close()
	}
}

func TestShouldRetryHeader(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		header string
		want   int
	}{{500, "false", 1}, {400, "true", 3}, {503, "", 3}, {409, "", 3}, {408, "", 3},
		// Other spellings: read as client.Retryable and APIError.Retryable read
		// them (the layer used to retry a 503 with "0" and the error said a 529
		// with "1" was not retryable).
		{529, "1", 3}, {503, "0", 1}, {500, "FALSE", 1}} {
		n := 0
		rt := retry.Middleware(quick)(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			n++
			h := http.Header{}
			if tc.header != "" {
				h.Set("x-should-retry", tc.header)
			}
			return &http.Response{StatusCode: tc.status, Header: h, Body: io.NopCloser(strings.NewReader("{}"))}, nil
		}))
		r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader("{}"))
		resp, err := rt.RoundTrip(r)
		if err == nil {
			resp.Body.Close()
		}
		if n != tc.want {
			t.Errorf("status %d x-should-retry %q: %d attempts, want %d", tc.status, tc.header, n, tc.want)
		}
		h := http.Header{}
		h.Set("x-should-retry", tc.header)
		if agree := client.Retryable(&http.Response{StatusCode: tc.status, Header: h}, nil); agree != (tc.want > 1) {
			t.Errorf("status %d x-should-retry %q: client.Retryable %v disagrees with the layer", tc.status, tc.header, agree)
		}
	}
}

func TestAttemptTimeoutCoversHeadersOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Slow headers (400 ms): each attempt times out at 50 ms.
		srv := newServer(t, rttest.Always(rttest.SlowHeaders))
		c := newClient(t, srv, retry.New(retry.Config{AttemptTimeout: 50 * time.Millisecond, MaxRetries: 1}))
		_, err := c.Messages.Create(context.Background(), req)
		if !errors.Is(err, retry.ErrAttemptTimeout) || !errors.Is(err, client.ErrTimeout) || !errors.Is(err, client.ErrRetriesExhausted) || srv.Attempts() != 2 {
			t.Fatalf("err = %v after %d attempts", err, srv.Attempts())
		}
	})
	// A stream whose body takes longer than the attempt timeout is not cut.
	for _, prelude := range []bool{false, true} {
		synctest.Test(t, func(t *testing.T) {
			slow := client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				pr, pw := io.Pipe()
				go func() {
					time.Sleep(120 * time.Millisecond)
					_, _ = io.WriteString(pw, rttest.StreamBody)
					pw.Close()
				}()
				return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/event-stream"}}, Body: pr}, nil
			})
			r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader(`{"stream":true}`))
			resp, err := retry.Middleware(retry.Config{AttemptTimeout: 50 * time.Millisecond, RetryStreamPrelude: prelude})(slow).RoundTrip(r)
			if err != nil {
				t.Fatalf("prelude %v: %v", prelude, err)
			}
			_, _, stopped, err := rttest.ReadStream(resp.Body)
			resp.Body.Close()
			if err != nil || !stopped {
				t.Fatalf("prelude %v: stream cut by the attempt timeout: %v", prelude, err)
			}
		})
	}
}

func streamRequest(url string) *http.Request {
	r, _ := http.NewRequest("POST", url+"/v1/messages", strings.NewReader(`{"stream":true}`))
	return r
}

func TestStreamPrelude(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		fault   rttest.Fault
		prelude bool
		want    int
	}{
		{"error before content, option off", rttest.ErrorEventPrelude, false, 1},
		{"error before content, option on", rttest.ErrorEventPrelude, true, 2},
		{"error after content, option on", rttest.ErrorEventMidStream, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := newServer(t, rttest.Then(tc.fault, 1, rttest.OK))
				hc := &http.Client{Transport: retry.Middleware(retry.Config{RetryStreamPrelude: tc.prelude})(srv.hc.Transport)}
				resp, err := hc.Do(streamRequest(srv.url))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				text, errData, stopped, err := rttest.ReadStream(resp.Body)
				if srv.Attempts() != tc.want {
					t.Fatalf("server saw %d attempts, want %d", srv.Attempts(), tc.want)
				}
				if tc.want == 2 && (errData != nil || !stopped || err != nil || !strings.Contains(text, "Hello")) {
					t.Fatalf("retried stream not replayed whole: %q %s %v %v", text, errData, stopped, err)
				}
				if tc.want == 1 && errData == nil {
					t.Fatal("the error event was lost")
				}
			})
		})
	}
}

func TestStopsOnCancelDuringWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newServer(t, rttest.Always(rttest.Overloaded))
		c := newClient(t, srv, retry.New(retry.Config{BaseDelay: time.Hour, MaxDelay: time.Hour}))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.Messages.Create(ctx, req)
		if !errors.Is(err, context.Canceled) || time.Since(start) != 50*time.Millisecond || srv.Attempts() != 1 {
			t.Fatalf("err %v after %v and %d attempts; want the cancel at 50ms to end the hour's wait", err, time.Since(start), srv.Attempts())
		}
	})
}

func TestPerCallOption(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newServer(t, rttest.Then(rttest.Overloaded, 1, rttest.OK))
		c := newClient(t, srv) // no retry on the client
		if _, err := c.Messages.Create(context.Background(), req, retry.New(retry.Config{})); err != nil {
			t.Fatal(err)
		}
		if srv.Attempts() != 2 {
			t.Fatalf("attempts %d", srv.Attempts())
		}
	})
}

func TestBudgetAndDisabled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newServer(t, rttest.Always(rttest.Status503))
		// 0.5 s then 1 s of backoff would pass a 1.2 s budget at the second
		// retry: one wait, two attempts.
		p, waits := recordWaits(retry.Config{Budget: 1200 * time.Millisecond, MaxRetries: 5, Jitter: retry.NoJitter})
		c := newClient(t, srv, retry.New(p))
		_, err := c.Messages.Create(context.Background(), req)
		var re *retry.Error
		if !errors.As(err, &re) || !re.Deadline || re.Attempts != 2 || len(*waits) != 1 {
			t.Fatalf("err %v, waits %v", err, *waits)
		}
		// MaxRetries < 0: one attempt, the plain *APIError.
		srv2 := newServer(t, rttest.Always(rttest.Status503))
		c2 := newClient(t, srv2, retry.New(retry.Config{MaxRetries: retry.NoRetries}))
		_, err = c2.Messages.Create(context.Background(), req)
		var apiErr *client.APIError
		if !errors.As(err, &apiErr) || errors.Is(err, client.ErrRetriesExhausted) || srv2.Attempts() != 1 {
			t.Fatalf("disabled: %v after %d", err, srv2.Attempts())
		}
	})
}

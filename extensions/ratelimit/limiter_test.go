package ratelimit_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/ratelimit"
)

func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		return ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 6000, InputTokensPerMinute: 1 << 20}).Middleware
	})
}

type answer struct {
	status int
	header http.Header
	body   string
}

// fixed answers every request with a, counting them.
func fixed(a func(n int) answer) (http.RoundTripper, *int) {
	var mu sync.Mutex
	n := 0
	return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			io.Copy(io.Discard, r.Body)
			r.Body.Close()
		}
		mu.Lock()
		n++
		x := a(n)
		mu.Unlock()
		if x.header == nil {
			x.header = http.Header{}
		}
		if x.body == "" {
			x.body = `{"usage":{"input_tokens":10,"output_tokens":5}}`
		}
		return &http.Response{StatusCode: x.status, Header: x.header, Body: io.NopCloser(strings.NewReader(x.body))}, nil
	}), &n
}

func send(ctx context.Context, rt http.RoundTripper, body string) (*http.Response, error) {
	r, _ := http.NewRequestWithContext(ctx, "POST", "http://127.0.0.1/v1/messages", strings.NewReader(body))
	resp, err := rt.RoundTrip(r)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

// The tests that wait run on the bubble's clock (testing/synctest): a wait
// returns at once in real time and shows exactly in time.Since.

func TestRequestsPerMinuteWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 60})
		next, n := fixed(func(int) answer { return answer{status: 200} })
		rt := l.Middleware(next)
		for i := 0; i < 62; i++ {
			if _, err := send(context.Background(), rt, "{}"); err != nil {
				t.Fatal(err)
			}
		}
		if *n != 62 || time.Since(start) != 2*time.Second {
			t.Fatalf("%d sent in %v; want the 61st and 62nd to wait 1s each", *n, time.Since(start))
		}
	})
}

func TestRejectMode(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1, Mode: ratelimit.Reject})
		next, n := fixed(func(int) answer { return answer{status: 200} })
		send(context.Background(), l.Middleware(next), "{}")
		_, err := send(context.Background(), l.Middleware(next), "{}")
		var we *ratelimit.WaitError
		if !errors.As(err, &we) || !errors.Is(err, client.ErrRateLimitWait) || we.Limit != "requests" || we.Wait != time.Minute || *n != 1 {
			t.Fatalf("err %v, sent %d", err, *n)
		}
	})
}

func TestWaitPastDeadlineFailsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 1})
		next, _ := fixed(func(int) answer { return answer{status: 200} })
		send(context.Background(), l.Middleware(next), "{}")
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := send(ctx, l.Middleware(next), "{}")
		if !errors.Is(err, client.ErrRateLimitWait) || time.Since(start) != 0 {
			t.Fatalf("err %v after %v", err, time.Since(start))
		}
		// The refused call gave its token back: available stays at -1+1.
		if r, _, _ := l.Available(); r > 0.1 {
			t.Fatalf("available %v", r)
		}
	})
}

func TestLearnsFromHeaders(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		reset := start.Add(20 * time.Second)
		l := ratelimit.NewLimiter(ratelimit.Config{})
		next, n := fixed(func(i int) answer {
			h := http.Header{}
			h.Set("anthropic-ratelimit-requests-limit", "50")
			h.Set("anthropic-ratelimit-requests-remaining", "0")
			h.Set("anthropic-ratelimit-requests-reset", reset.Format(time.RFC3339))
			return answer{status: 200, header: h}
		})
		rt := l.Middleware(next)
		send(context.Background(), rt, "{}")
		info, _ := l.Info()
		if !info.Requests.Known || info.Requests.Remaining != 0 {
			t.Fatalf("info %+v", info)
		}
		send(context.Background(), rt, "{}")
		if time.Since(start) != 20*time.Second || *n != 2 {
			t.Fatalf("waited %v, sent %d: want one wait until the reset", time.Since(start), *n)
		}
	})
}

func TestLearnsRetryAfterOn429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		l := ratelimit.NewLimiter(ratelimit.Config{})
		next, _ := fixed(func(i int) answer {
			if i == 1 {
				return answer{status: 429, header: http.Header{"Retry-After": {"7"}}, body: `{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`}
			}
			return answer{status: 200}
		})
		rt := l.Middleware(next)
		send(context.Background(), rt, "{}")
		send(context.Background(), rt, "{}")
		if time.Since(start) != 7*time.Second {
			t.Fatalf("waited %v, want the 7s retry-after", time.Since(start))
		}
	})
}

func TestTokenBudgetCorrectedWithUsage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := ratelimit.NewLimiter(ratelimit.Config{InputTokensPerMinute: 1000, OutputTokensPerMinute: 1000})
		next, _ := fixed(func(int) answer {
			return answer{status: 200, body: `{"id":"m","usage":{"input_tokens":10,"output_tokens":5}}`}
		})
		body := `{"max_tokens":500,"messages":[{"role":"user","content":"` + strings.Repeat("x", 400) + `"}]}`
		r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader(body))
		resp, err := l.Middleware(next).RoundTrip(r)
		if err != nil {
			t.Fatal(err)
		}
		_, in, out := l.Available()
		if in > 1000-100 || out != 500 {
			t.Fatalf("before reading: in %v out %v, want the estimates taken (~%d in, 500 out)", in, out, len(body)/4)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), `"id":"m"`) {
			t.Fatalf("caller's body consumed: %q", b)
		}
		_, in, out = l.Available()
		if in != 990 || out != 995 {
			t.Fatalf("after usage: in %v out %v, want 990 and 995", in, out)
		}
	})
}

func TestStreamUsage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := ratelimit.NewLimiter(ratelimit.Config{InputTokensPerMinute: 1000, OutputTokensPerMinute: 1000})
		next, _ := fixed(func(int) answer {
			return answer{status: 200, header: http.Header{"Content-Type": {"text/event-stream"}}, body: rttest.StreamBody}
		})
		r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader(`{"max_tokens":100,"stream":true}`))
		resp, err := l.Middleware(next).RoundTrip(r)
		if err != nil {
			t.Fatal(err)
		}
		_, _, stopped, err := rttest.ReadStream(resp.Body)
		resp.Body.Close()
		_, in, out := l.Available()
		// stream-text: 10 input tokens (message_start), 4 output tokens (message_delta).
		if !stopped || err != nil || in != 990 || out != 996 {
			t.Fatalf("in %v out %v (stream ok %v %v)", in, out, stopped, err)
		}
	})
}

func TestConcurrentWaiters(t *testing.T) {
	l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: 6000}) // 100/s, burst 6000
	next, n := fixed(func(int) answer { return answer{status: 200} })
	rt := l.Middleware(next)
	var wg sync.WaitGroup
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if _, err := send(context.Background(), rt, fmt.Sprintf(`{"i":%d}`, j)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if *n != 64*20 {
		t.Fatalf("sent %d", *n)
	}
}

func TestCaptureInfo(t *testing.T) {
	srv := rttest.NewServer(t, rttest.Always(rttest.OK))
	c, err := client.New(client.WithAPIKey("sk-ant-test-rl"), client.WithBaseURL(srv.URL), client.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	var info client.RateLimitInfo
	req := client.MessageRequest{Model: "m", MaxTokens: 8, Messages: []client.MessageParam{client.UserText("x")}}
	if _, err := c.Messages.Create(context.Background(), req, ratelimit.CaptureInfo(&info)); err != nil {
		t.Fatal(err)
	}
	if !info.Requests.Known || info.Requests.Limit != 100000 || info.Requests.Remaining != 99999 {
		t.Fatalf("info %+v", info)
	}
	// As a client option every concurrent call would write info: refused.
	if _, err := client.New(client.WithAPIKey("sk-ant-test-rl"), ratelimit.CaptureInfo(&info)); err == nil || !strings.Contains(err.Error(), "CaptureInfo") {
		t.Fatalf("New accepted CaptureInfo: %v", err)
	}
}

// TestStreamUsageAnyFraming: the usage of a stream is read by the same
// framer the Stream uses, so bare-CR line ends and a data payload spread
// over several data: lines count as they do for the Stream (the limiter's
// own line reader missed both and refunded nothing).
func TestStreamUsageAnyFraming(t *testing.T) {
	multi := strings.ReplaceAll(rttest.StreamBody, `,"usage":`, ",\ndata: \"usage\":")
	for name, body := range map[string]string{
		"bare CR":         strings.ReplaceAll(rttest.StreamBody, "\n", "\r"),
		"multi-line data": multi,
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				l := ratelimit.NewLimiter(ratelimit.Config{InputTokensPerMinute: 1000, OutputTokensPerMinute: 1000})
				next, _ := fixed(func(int) answer {
					return answer{status: 200, header: http.Header{"Content-Type": {"text/event-stream"}}, body: body}
				})
				r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader(`{"max_tokens":100,"stream":true}`))
				resp, err := l.Middleware(next).RoundTrip(r)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := io.Copy(io.Discard, resp.Body); err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if _, in, out := l.Available(); in != 990 || out != 996 {
					t.Fatalf("in %v out %v, want 990 and 996", in, out)
				}
			})
		})
	}
}

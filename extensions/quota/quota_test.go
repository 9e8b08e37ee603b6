package quota_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/quota"
)

const testKey = "sk-ant-test-quota"

func recorded(t *testing.T, name, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "recorded", name, file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// server replies with body (a recorded reply) and counts what reached it.
type server struct {
	hits atomic.Int64
	url  string
}

func newServer(t *testing.T, status int, contentType string, body []byte) *server {
	t.Helper()
	s := &server{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		s.hits.Add(1)
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	s.url = srv.URL
	return s
}

func newClient(t *testing.T, url string, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(append([]client.Option{client.WithAPIKey(testKey), client.WithBaseURL(url)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func request(model string) client.MessageRequest {
	return client.MessageRequest{Model: model, MaxTokens: 100, Messages: []client.MessageParam{client.UserText("What is a system")}}
}

func fixedClock(t0 time.Time) (func() time.Time, func(time.Duration)) {
	var mu sync.Mutex
	now := t0
	return func() time.Time { mu.Lock(); defer mu.Unlock(); return now },
		func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
}

var t0 = time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC)

// TestRequestsPerDayRefusedBeforeSending: the third call of a two-per-day
// budget fails with *ExceededError naming the limit and the reset, and never
// reaches the server; the next day it goes.
func TestRequestsPerDayRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	srv := newServer(t, 200, "application/json", recorded(t, "msg-prompt-cache-read", "body.json"))
	now, advance := fixedClock(t0)
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 2}}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.url, q.Option())
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := c.Messages.Create(ctx, request("claude-sonnet-4-20250514")); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.Messages.Create(ctx, request("claude-sonnet-4-20250514"))
	var ex *quota.ExceededError
	if !errors.As(err, &ex) || !errors.Is(err, quota.ErrQuotaExceeded) {
		t.Fatalf("third call: %v, want *ExceededError", err)
	}
	if ex.Limit != "requests" || ex.Period != quota.Day || ex.Used != 2 || ex.Max != 2 || !ex.Reset.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("error fields: %+v", ex)
	}
	if !strings.Contains(err.Error(), "requests per day") || !strings.Contains(err.Error(), "2026-12-01T00:00:00Z") {
		t.Errorf("message %q does not say which limit and when it resets", err)
	}
	if srv.hits.Load() != 2 {
		t.Fatalf("server saw %d calls, want 2", srv.hits.Load())
	}
	advance(time.Minute) // midnight: a new day
	if _, err := c.Messages.Create(ctx, request("claude-sonnet-4-20250514")); err != nil {
		t.Fatalf("after the reset: %v", err)
	}
}

// TestCorrectedWithRealUsage: the estimate taken before the call (body/4
// input, max_tokens output) is replaced by the reply's usage, for a plain
// reply and a stream, and the cost counter holds the real price.
func TestCorrectedWithRealUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, ctype string
		stream            bool
		in, out, micros   int64
	}{
		// 11 input + 2055 cache reads; $0.0021495 rounds up to 2150 micro-dollars.
		{"msg-prompt-cache-read", "body.json", "application/json", false, 11 + 2055, 100, 2150},
		// 18 input + 1031 cache writes, 100 output from message_delta; $0.00542025.
		{"stream-prompt-cache-write", "body.sse", "text/event-stream", true, 18 + 1031, 100, 5421},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, 200, tc.ctype, recorded(t, tc.name, tc.file))
			q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Month, Requests: 10, InputTokens: 1e6, OutputTokens: 1e6, CostUSD: 10}}})
			if err != nil {
				t.Fatal(err)
			}
			c := newClient(t, srv.url, q.Option())
			req := request("claude-sonnet-4-20250514")
			req.MaxTokens = 4000 // an estimate far from the real 100
			if tc.stream {
				s, err := c.Messages.Stream(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				for s.Next() {
				}
				if err := s.Err(); err != nil {
					t.Fatal(err)
				}
				s.Close()
			} else if _, err := c.Messages.Create(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			got := map[string]int64{}
			st, err := q.Status(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range st {
				got[s.Metric] = s.Used
				if wantUSD := float64(s.Used) / 1e6; s.Metric == "cost_usd" && (s.UsedUSD() != wantUSD || s.MaxUSD() != 10) {
					t.Errorf("cost in dollars: %v of %v, want %v of 10", s.UsedUSD(), s.MaxUSD(), wantUSD)
				} else if s.Metric != "cost_usd" && (s.UsedUSD() != 0 || s.MaxUSD() != 0) {
					t.Errorf("%s read in dollars: %v of %v, want 0", s.Metric, s.UsedUSD(), s.MaxUSD())
				}
			}
			want := map[string]int64{"requests": 1, "input_tokens": tc.in, "output_tokens": tc.out, "cost_usd": tc.micros}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %d, want %d (all: %v)", k, got[k], v, got)
				}
			}
			u := q.Usage()["claude-sonnet-4-20250514"]
			if u.Requests != 1 || u.OutputTokens != 100 || u.CostUSD <= 0 {
				t.Errorf("usage per model: %+v", u)
			}
		})
	}
}

// TestErrorReplyGivesTokensBack: a 429 used no tokens: they are given back,
// the request stays counted.
func TestErrorReplyGivesTokensBack(t *testing.T) {
	t.Parallel()
	srv := newServer(t, 429, "application/json", recorded(t, "error-429-rate-limit", "body.json"))
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 5, OutputTokens: 150}}})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.url, q.Option())
	for i := 0; i < 3; i++ { // 3 x 100 estimated output would pass 150 if kept
		if _, err := c.Messages.Create(context.Background(), request("claude-haiku-4-5")); !errors.Is(err, client.ErrRateLimited) {
			t.Fatalf("call %d: %v, want the 429", i, err)
		}
	}
	st, _ := q.Status(context.Background())
	for _, s := range st {
		if s.Metric == "output_tokens" && s.Used != 0 || s.Metric == "requests" && s.Used != 3 {
			t.Errorf("%s used %d", s.Metric, s.Used)
		}
	}
}

// TestConcurrentCallsNeverPassTheBudget: 16 goroutines race for 10 requests;
// exactly 10 reach the server.
func TestConcurrentCallsNeverPassTheBudget(t *testing.T) {
	t.Parallel()
	srv := newServer(t, 200, "application/json", recorded(t, "msg-prompt-cache-read", "body.json"))
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Minute, Requests: 10}}, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.url, q.Option())
	var wg sync.WaitGroup
	var ok, refused atomic.Int64
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 3; j++ {
				_, err := c.Messages.Create(context.Background(), request("claude-sonnet-4-20250514"))
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, quota.ErrQuotaExceeded):
					refused.Add(1)
				default:
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 10 || srv.hits.Load() != 10 || refused.Load() != 38 {
		t.Fatalf("ok %d refused %d server %d; want 10, 38, 10", ok.Load(), refused.Load(), srv.hits.Load())
	}
}

// TestUnknownModel: with a cost limit the call fails (it cannot be priced);
// without one it goes and the gap is reported, never priced at zero.
func TestUnknownModel(t *testing.T) {
	t.Parallel()
	srv := newServer(t, 200, "application/json", []byte(`{"model":"claude-next-9","usage":{"input_tokens":5,"output_tokens":5},"content":[],"role":"assistant","type":"message","id":"m"}`))
	q, _ := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, CostUSD: 1}}})
	c := newClient(t, srv.url, q.Option())
	_, err := c.Messages.Create(context.Background(), request("claude-next-9"))
	if err == nil || !strings.Contains(err.Error(), `"claude-next-9" is not in the pricing table`) || srv.hits.Load() != 0 {
		t.Fatalf("with a cost limit: %v (server saw %d)", err, srv.hits.Load())
	}
	var reported []error
	var mu sync.Mutex
	q2, _ := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 5}},
		OnError: func(err error) { mu.Lock(); reported = append(reported, err); mu.Unlock() }})
	c2 := newClient(t, srv.url, q2.Option())
	if _, err := c2.Messages.Create(context.Background(), request("claude-next-9")); err != nil {
		t.Fatal(err)
	}
	if len(reported) == 0 || q2.Usage()["claude-next-9"].Unpriced != 1 {
		t.Fatalf("unknown model not reported: %v %+v", reported, q2.Usage())
	}
}

// TestPerModelLimitAndJSON: a per-model limit leaves other models alone, and
// the usage per model exports as JSON.
func TestPerModelLimitAndJSON(t *testing.T) {
	t.Parallel()
	srv := newServer(t, 200, "application/json", recorded(t, "msg-prompt-cache-read", "body.json"))
	q, _ := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Model: "claude-opus-4-6", Requests: 1}}})
	c := newClient(t, srv.url, q.Option())
	ctx := context.Background()
	if _, err := c.Messages.Create(ctx, request("claude-opus-4-6")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(ctx, request("claude-opus-4-6")); !errors.Is(err, quota.ErrQuotaExceeded) {
		t.Fatalf("second opus call: %v", err)
	}
	if _, err := c.Messages.Create(ctx, request("claude-sonnet-4-5")); err != nil {
		t.Fatalf("other model: %v", err)
	}
	var buf bytes.Buffer
	if err := q.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var out struct {
		PricingDate string                      `json:"pricing_date"`
		Models      map[string]quota.ModelUsage `json:"models"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.PricingDate == "" || out.Models["claude-opus-4-6"].Requests != 1 || out.Models["claude-sonnet-4-5"].Requests != 1 {
		t.Fatalf("export: %s", buf.String())
	}
}

func TestNewRejectsBadLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s    quota.Config
		want string
	}{
		{quota.Config{Limits: []quota.Limit{{Requests: 1}}}, "Limits[0]: unknown period"},
		{quota.Config{Limits: []quota.Limit{{Period: quota.Day}}}, "Limits[0]: no field limited"},
		{quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1}, {Period: quota.Day, CostUSD: -1}}}, "Limits[1]: negative"},
		{quota.Config{Namespace: "a b"}, "Namespace"},
		{quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1}, {Period: quota.Day, Requests: 5, CostUSD: 1}}}, "Limits[0] and Limits[1] both limit requests per day"},
	} {
		if _, err := quota.NewQuota(tc.s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want %q", tc.s, err, tc.want)
		}
	}
}

package circuitbreaker_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/retry"
)

func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware { return circuitbreaker.NewBreaker(circuitbreaker.Config{}).Middleware })
}

// statusRT answers with the current status and counts calls.
type statusRT struct {
	status atomic.Int32
	calls  atomic.Int32
}

func (s *statusRT) RoundTrip(r *http.Request) (*http.Response, error) {
	s.calls.Add(1)
	st := int(s.status.Load())
	if st == 0 {
		return nil, errors.New("dial tcp: connection refused")
	}
	return &http.Response{StatusCode: st, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}"))}, nil
}

func call(rt http.RoundTripper) (int, error) {
	r, _ := http.NewRequest("POST", "http://127.0.0.1/v1/messages", strings.NewReader("{}"))
	resp, err := rt.RoundTrip(r)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestStateMachine runs on the bubble's clock (testing/synctest): waiting
// out the open duration is a time.Sleep that returns at once.
func TestStateMachine(t *testing.T) {
	synctest.Test(t, testStateMachine)
}

func testStateMachine(t *testing.T) {
	var trans []string
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{
		FailureThreshold: 3, OpenDuration: 10 * time.Second, HalfOpenProbes: 1, SuccessThreshold: 2,
		OnStateChange: func(_ string, from, to circuitbreaker.State) { trans = append(trans, from.String()+">"+to.String()) },
	})
	next := &statusRT{}
	next.status.Store(503)
	rt := b.Middleware(next)

	for i := 0; i < 3; i++ {
		if st, _ := call(rt); st != 503 {
			t.Fatalf("call %d: %d", i, st)
		}
	}
	if b.State() != circuitbreaker.Open {
		t.Fatalf("state %v after 3 failures", b.State())
	}
	// Open: fail fast, no I/O, typed error with the half-open time.
	_, err := call(rt)
	var oe *circuitbreaker.OpenError
	if !errors.As(err, &oe) || !errors.Is(err, client.ErrCircuitOpen) || !oe.Until.Equal(time.Now().Add(10*time.Second)) || next.calls.Load() != 3 {
		t.Fatalf("open call: err %v, calls %d", err, next.calls.Load())
	}
	// Half-open after the open duration; a failed probe reopens.
	time.Sleep(10 * time.Second)
	if b.State() != circuitbreaker.HalfOpen {
		t.Fatalf("state %v after open duration", b.State())
	}
	call(rt)
	if b.State() != circuitbreaker.Open {
		t.Fatalf("failed probe left state %v", b.State())
	}
	// Two successful probes close it.
	time.Sleep(10 * time.Second)
	next.status.Store(200)
	call(rt)
	if b.State() != circuitbreaker.HalfOpen {
		t.Fatalf("state %v after 1 of 2 successes", b.State())
	}
	call(rt)
	if b.State() != circuitbreaker.Closed {
		t.Fatalf("state %v after 2 successes", b.State())
	}
	want := "closed>open open>half-open half-open>open open>half-open half-open>closed"
	if got := strings.Join(trans, " "); got != want {
		t.Fatalf("transitions %q, want %q", got, want)
	}
	c := b.Counts()
	if c.Rejected != 1 || c.TotalFailures != 4 || c.TotalSuccesses != 2 {
		t.Fatalf("counts %+v", c)
	}
}

func TestWhatCounts(t *testing.T) {
	for _, tc := range []struct {
		status int
		opens  bool
	}{{500, true}, {502, true}, {503, true}, {529, true}, {408, true}, {0, true}, // 0: connection error
		{400, false}, {401, false}, {403, false}, {404, false}, {413, false}, {429, false}} {
		b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 2})
		next := &statusRT{}
		next.status.Store(int32(tc.status))
		for i := 0; i < 3; i++ {
			call(b.Middleware(next))
		}
		if got := b.State() == circuitbreaker.Open; got != tc.opens {
			t.Errorf("status %d: open %v, want %v", tc.status, got, tc.opens)
		}
	}
}

func TestHalfOpenProbeLimit(t *testing.T) {
	synctest.Test(t, testHalfOpenProbeLimit)
}

func testHalfOpenProbeLimit(t *testing.T) {
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 1, HalfOpenProbes: 2})
	next := &statusRT{}
	call(b.Middleware(next)) // connection error: opens
	time.Sleep(time.Minute)
	g1, err1 := b.Allow()
	_, err2 := b.Allow()
	_, err3 := b.Allow()
	if err1 != nil || err2 != nil || !errors.Is(err3, client.ErrCircuitOpen) {
		t.Fatalf("probes: %v %v %v", err1, err2, err3)
	}
	b.Done(g1, &http.Response{StatusCode: 200}, nil)
	if b.State() != circuitbreaker.Closed {
		t.Fatalf("state %v", b.State())
	}
}

// The breaker sits outside retry: one outcome per call, after the retries.
func TestWithRetryThroughClient(t *testing.T) {
	srv := rttest.NewServer(t, rttest.Always(rttest.Overloaded))
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 2})
	c, err := client.New(client.WithAPIKey("sk-ant-test-cb"), client.WithBaseURL(srv.URL), client.WithHTTPClient(srv.Client()),
		b.Option(), retry.New(retry.Config{BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}))
	if err != nil {
		t.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	for i := 0; i < 2; i++ {
		if _, err := c.Messages.Create(context.Background(), req); !errors.Is(err, client.ErrRetriesExhausted) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err = c.Messages.Create(context.Background(), req)
	if !errors.Is(err, client.ErrCircuitOpen) || srv.Attempts() != 6 {
		t.Fatalf("third call: %v after %d attempts", err, srv.Attempts())
	}
}

// TestConcurrent hammers one breaker from 16 goroutines through every
// state (a 1 ms open duration lets it half-open again and again).
func TestConcurrent(t *testing.T) {
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 3, OpenDuration: time.Millisecond})
	next := &statusRT{}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				next.status.Store([]int32{200, 503, 0, 429}[(i+j)%4])
				call(b.Middleware(next))
				_ = b.State()
				_ = b.Counts()
			}
		}()
	}
	wg.Wait()
	// Every call was either let through (and reached next) or refused, and
	// no outcome was counted twice: lost or doubled updates show here, not
	// only under -race.
	c := b.Counts()
	if c.Requests+c.Rejected != 16*200 || uint64(next.calls.Load()) != c.Requests || c.TotalSuccesses+c.TotalFailures > c.Requests {
		t.Fatalf("counts %+v after 3200 calls, %d reached next", c, next.calls.Load())
	}
}

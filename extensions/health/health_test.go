package health_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/health"
	"github.com/claudego/claude/extensions/internal/pipenet"
)

func server(t *testing.T, status int, gotKey *atomic.Value) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gotKey != nil {
			gotKey.Store(r.Method + " " + r.URL.RequestURI() + " " + r.Header.Get("x-api-key"))
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func down(t *testing.T) string {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	u := "http://" + l.Addr().String()
	l.Close()
	return u
}

func TestChecks(t *testing.T) {
	var key atomic.Value
	ok := server(t, 200, &key)
	chk := &health.Checker{APIKey: client.NewSecret("sk-ant-test-health")}
	r := health.LightweightAPI(context.Background(), chk, ok.URL)
	if r.Status != health.Healthy || key.Load() != "GET /v1/models?limit=1 sk-ant-test-health" {
		t.Fatalf("%+v, server saw %v", r, key.Load())
	}
	r = health.Ping(context.Background(), chk, ok.URL)
	if r.Status != health.Healthy || key.Load() != "HEAD / " {
		t.Fatalf("%+v, server saw %v", r, key.Load())
	}
	if r := health.Ping(context.Background(), chk, down(t)); r.Status != health.Unhealthy || r.Err == nil {
		t.Fatalf("down: %+v", r)
	}
	if r := health.LightweightAPI(context.Background(), chk, server(t, 401, nil).URL); r.Status != health.Unhealthy {
		t.Fatalf("401: %+v", r)
	}
}

// TestThresholdsAndAggregate runs on the bubble's clock (testing/synctest)
// over an in-memory network: the latencies are exact, so the 30 ms
// threshold between a 0 ms and a 60 ms server cannot flake under load.
func TestThresholdsAndAggregate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n pipenet.Network
		delayed := func(d time.Duration) string {
			return n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { time.Sleep(d) }))
		}
		chk := &health.Checker{HTTPClient: n.Client(t), Degraded: 30 * time.Millisecond, Unhealthy: 300 * time.Millisecond}
		fast, slow, dead := delayed(0), delayed(60*time.Millisecond), n.Down()
		rep := chk.CheckAll(context.Background(), health.Ping, fast, slow, dead, fast)
		got := []health.Status{rep.Results[0].Status, rep.Results[1].Status, rep.Results[2].Status}
		if got[0] != health.Healthy || got[1] != health.Degraded || got[2] != health.Unhealthy {
			t.Fatalf("statuses %v", got)
		}
		if rep.Results[0].Latency != 0 || rep.Results[1].Latency != 60*time.Millisecond {
			t.Fatalf("latencies %v and %v, want 0 and 60ms on the bubble's clock", rep.Results[0].Latency, rep.Results[1].Latency)
		}
		if rep.Status != health.Degraded || rep.HealthyPct != 50 || rep.DegradedPct != 25 || rep.UnhealthyPct != 25 {
			t.Fatalf("report %+v", rep)
		}
	})
}

func TestHandler(t *testing.T) {
	ok := server(t, 200, nil)
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{Name: "api", FailureThreshold: 1})
	h := health.Handler(health.Config{Endpoints: []string{ok.URL}, Breakers: []health.Breaker{b}})
	get := func() (int, health.Readiness) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		var rd health.Readiness
		if err := json.Unmarshal(rec.Body.Bytes(), &rd); err != nil {
			t.Fatal(err)
		}
		return rec.Code, rd
	}
	if code, rd := get(); code != 200 || !rd.Ready || rd.Circuits[0].State != "closed" {
		t.Fatalf("%d %+v", code, rd)
	}
	g, _ := b.Allow()
	b.Done(g, nil, context.DeadlineExceeded)
	if code, rd := get(); code != 503 || rd.Ready || rd.Circuits[0].State != "open" || rd.LastError == "" {
		t.Fatalf("%d %+v", code, rd)
	}
}

// TestMonitorStopsWithContext: on the bubble's clock a monitor checking
// every 30 s for 95 s runs exactly four rounds (0, 30, 60, 90 s), stamps
// the last one at 90 s, and returns when its context ends.
func TestMonitorStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n pipenet.Network
		ok := n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		var rounds atomic.Int32
		m := &health.Monitor{Checker: &health.Checker{HTTPClient: n.Client(t)}, Endpoints: []string{ok},
			Interval: 30 * time.Second, OnReport: func(health.Report) { rounds.Add(1) }}
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 95*time.Second)
		defer cancel()
		if err := m.Run(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Run returned %v", err)
		}
		if rep, at := m.Last(); rounds.Load() != 4 || rep.Status != health.Healthy || !at.Equal(start.Add(90*time.Second)) {
			t.Fatalf("%d rounds, last %+v at %v", rounds.Load(), rep, at.Sub(start))
		}
		if time.Since(start) != 95*time.Second {
			t.Fatalf("Run returned after %v", time.Since(start))
		}
	})
}

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
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/health"
)

func server(t *testing.T, delay time.Duration, status int, gotKey *atomic.Value) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gotKey != nil {
			gotKey.Store(r.Method + " " + r.URL.RequestURI() + " " + r.Header.Get("x-api-key"))
		}
		time.Sleep(delay)
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
	ok := server(t, 0, 200, &key)
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
	if r := health.LightweightAPI(context.Background(), chk, server(t, 0, 401, nil).URL); r.Status != health.Unhealthy {
		t.Fatalf("401: %+v", r)
	}
}

func TestThresholdsAndAggregate(t *testing.T) {
	chk := &health.Checker{Degraded: 30 * time.Millisecond, Unhealthy: 300 * time.Millisecond}
	fast, slow, dead := server(t, 0, 200, nil), server(t, 60*time.Millisecond, 200, nil), down(t)
	rep := chk.CheckAll(context.Background(), health.Ping, fast.URL, slow.URL, dead, fast.URL)
	got := []health.Status{rep.Results[0].Status, rep.Results[1].Status, rep.Results[2].Status}
	if got[0] != health.Healthy || got[1] != health.Degraded || got[2] != health.Unhealthy {
		t.Fatalf("statuses %v", got)
	}
	if rep.Status != health.Degraded || rep.HealthyPct != 50 || rep.DegradedPct != 25 || rep.UnhealthyPct != 25 {
		t.Fatalf("report %+v", rep)
	}
}

func TestHandler(t *testing.T) {
	ok := server(t, 0, 200, nil)
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{Name: "api", FailureThreshold: 1})
	h := health.Handler(health.Config{Endpoints: []string{ok.URL}, Breakers: []*circuitbreaker.Breaker{b}})
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

func TestMonitorStopsWithContext(t *testing.T) {
	ok := server(t, 0, 200, nil)
	var rounds atomic.Int32
	// The context ends after the second round, not after a wall-clock
	// deadline that a loaded machine may reach before the first round.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := &health.Monitor{Endpoints: []string{ok.URL}, Interval: time.Millisecond, OnReport: func(health.Report) {
		if rounds.Add(1) == 2 {
			cancel()
		}
	}}
	if err := m.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v, want context.Canceled", err)
	}
	if rep, at := m.Last(); rounds.Load() < 2 || rep.Status != health.Healthy || at.IsZero() {
		t.Fatalf("%d rounds, last %+v", rounds.Load(), rep)
	}
}

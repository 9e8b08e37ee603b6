package health_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/health"
)

func ExampleChecker_CheckAll() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"data":[],"has_more":false}`)
	}))
	defer api.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	down := "http://" + l.Addr().String()
	l.Close()

	chk := &health.Checker{APIKey: client.NewSecret("sk-ant-test-example")}
	rep := chk.CheckAll(context.Background(), health.LightweightAPI, api.URL, down)
	fmt.Printf("overall %v: %.0f%% healthy, %.0f%% unhealthy\n", rep.Status, rep.HealthyPct, rep.UnhealthyPct)
	for _, r := range rep.Results {
		fmt.Println(r.Check, r.Status)
	}
	// Output:
	// overall degraded: 50% healthy, 50% unhealthy
	// lightweight_api healthy
	// lightweight_api unhealthy
}

func ExampleHandler() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer api.Close()

	h := health.Handler(health.Config{Endpoints: []string{api.URL}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	fmt.Println(rec.Code)
	// Output:
	// 200
}

// A Monitor is the only background work in this package: it checks on a
// schedule until its context ends, and Run returns then.
func ExampleMonitor_Run() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer api.Close()

	ctx, cancel := context.WithCancel(context.Background())
	rounds := 0
	m := &health.Monitor{
		Endpoints: []string{api.URL},
		Interval:  time.Millisecond,
		OnReport: func(r health.Report) {
			if rounds++; rounds == 3 {
				cancel() // stop after three rounds
			}
		},
	}
	err := m.Run(ctx)
	last, _ := m.Last()
	fmt.Println(errors.Is(err, context.Canceled), rounds, last.Status)
	// Output: true 3 healthy
}

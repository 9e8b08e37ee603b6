package claudeotel_test

import (
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
)

func gaugeI(t testing.TB, m map[string]metricdata.Metrics, name string) []metricdata.DataPoint[int64] {
	t.Helper()
	g, ok := m[name].Data.(metricdata.Gauge[int64])
	if !ok {
		t.Fatalf("metric %s: %T, want an int gauge", name, m[name].Data)
	}
	return g.DataPoints
}

// TestRateLimitRemaining: the recorded reply's anthropic-ratelimit-*
// headers become one remaining gauge point per limit.
func TestRateLimitRemaining(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "msg-text-basic"))
	c := newClient(t, srv.URL, tel.option(false))
	req := request(t, "msg-text-basic")
	req.MaxTokens = 64 // the recorded 64,000 would need a timeout; the reply is replayed anyway
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, p := range gaugeI(t, tel.metrics(t), "claude.client.rate_limit.remaining") {
		got[setAttrs(p.Attributes)["claude.rate_limit.name"].(string)] = p.Value
	}
	want := map[string]int64{"requests": 9997, "tokens": 12000000, "input_tokens": 10000000, "output_tokens": 2000000}
	if len(got) != len(want) {
		t.Errorf("rate-limit points %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("remaining %s = %d, want %d", k, got[k], v)
		}
	}
}

// TestCircuitState: a breaker that opens on the first failure reports the
// transition; the gauge reads open (1) and the call span has the event; the
// next call, refused, has error.type circuit_open.
func TestCircuitState(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "error-500-api"))
	c := newClient(t, srv.URL, tel.option(false), circuitbreaker.New(circuitbreaker.Config{Name: "api", FailureThreshold: 1}))
	req := request(t, "msg-text-max-tokens")
	if _, err := c.Messages.Create(context.Background(), req); err == nil {
		t.Fatal("want the 500")
	}
	if _, err := c.Messages.Create(context.Background(), req); !errors.Is(err, client.ErrCircuitOpen) {
		t.Fatalf("second call: %v, want the open circuit", err)
	}
	points := gaugeI(t, tel.metrics(t), "claude.client.circuit.state")
	if len(points) != 1 || points[0].Value != int64(client.CircuitOpen) || setAttrs(points[0].Attributes)["claude.circuit.name"] != "api" {
		t.Errorf("circuit points %+v, want api open", points)
	}
	calls := tel.spansNamed("chat claude-3-haiku-20240307")
	if len(calls) != 2 {
		t.Fatalf("call spans %d, want 2", len(calls))
	}
	var changed bool
	for _, e := range calls[0].Events() {
		changed = changed || e.Name == "circuit_change"
	}
	if !changed {
		t.Error("the failing call's span has no circuit_change event")
	}
	if got := attrs(calls[1])["error.type"].AsString(); got != "circuit_open" {
		t.Errorf("refused call error.type %q, want circuit_open", got)
	}
}

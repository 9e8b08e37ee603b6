package claudeotel_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/trace"

	"github.com/claudego/claude/client"
)

// TestCreate checks a plain Messages call (the recorded prompt-cache read):
// one client span named per the conventions with every request and reply
// attribute, one attempt span under it, and every metric point.
func TestCreate(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "msg-prompt-cache-read"))
	c := newClient(t, srv.URL, tel.option(false))

	req := request(t, "msg-prompt-cache-read")
	topP, topK := 0.9, int64(40)
	req.TopP, req.TopK, req.StopSequences = &topP, &topK, []string{"END"}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}

	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	call := tel.span(t, "chat claude-sonnet-4-20250514")
	if call.SpanKind() != trace.SpanKindClient {
		t.Errorf("call span kind %v, want client", call.SpanKind())
	}
	if call.Status().Code != codes.Unset {
		t.Errorf("call span status %v, want unset", call.Status())
	}
	got := attrs(call)
	want := map[string]any{
		"gen_ai.operation.name":                    "chat",
		"gen_ai.provider.name":                     "anthropic",
		"gen_ai.request.model":                     "claude-sonnet-4-20250514",
		"gen_ai.request.max_tokens":                int64(100),
		"gen_ai.request.temperature":               0.1,
		"gen_ai.request.top_p":                     0.9,
		"gen_ai.request.top_k":                     40.0,
		"gen_ai.request.stop_sequences":            []string{"END"},
		"gen_ai.response.id":                       "msg_01YUFu6WCB8ZHZBNCMemdJ2B",
		"gen_ai.response.model":                    "claude-sonnet-4-20250514",
		"gen_ai.response.finish_reasons":           []string{"max_tokens"},
		"gen_ai.usage.input_tokens":                int64(11 + 2055),
		"gen_ai.usage.output_tokens":               int64(100),
		"gen_ai.usage.cache_read.input_tokens":     int64(2055),
		"gen_ai.usage.cache_creation.input_tokens": int64(0),
		"server.address":                           u.Hostname(),
		"server.port":                              int64(port),
		"anthropic.request_id":                     "req_011CQkYXWEaYLtjyRLVfhAKc",
	}
	for k, v := range want {
		gv, ok := got[attrKey(k)]
		if !ok {
			t.Errorf("call span lacks %s", k)
			continue
		}
		if diff := cmp.Diff(v, gv.AsInterface()); diff != "" {
			t.Errorf("call span %s (-want +got):\n%s", k, diff)
		}
	}
	for _, k := range []string{"error.type", "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.request.stream"} {
		if _, ok := got[attrKey(k)]; ok {
			t.Errorf("call span has %s, want none", k)
		}
	}

	attempt := tel.span(t, "messages.create attempt")
	if attempt.Parent().SpanID() != call.SpanContext().SpanID() || attempt.SpanContext().TraceID() != call.SpanContext().TraceID() {
		t.Errorf("attempt span's parent %v, want the call span %v", attempt.Parent().SpanID(), call.SpanContext().SpanID())
	}
	a := attrs(attempt)
	if a["http.response.status_code"].AsInt64() != 200 || a["claude.attempt"].AsInt64() != 1 || a["http.request.resend_count"].AsInt64() != 0 {
		t.Errorf("attempt span attributes %v", attempt.Attributes())
	}
	if a["http.request.body.size"].AsInt64() <= 0 {
		t.Errorf("attempt span request size %v, want > 0", a["http.request.body.size"])
	}
	if len(tel.ended()) != 2 {
		t.Errorf("ended spans %v, want the call and one attempt", names(tel.ended()))
	}

	m := tel.metrics(t)
	base := map[string]any{
		"gen_ai.operation.name": "chat",
		"gen_ai.provider.name":  "anthropic",
		"gen_ai.request.model":  "claude-sonnet-4-20250514",
		"server.address":        u.Hostname(),
		"server.port":           int64(port),
	}
	withResp := with(base, "gen_ai.response.model", "claude-sonnet-4-20250514")
	dur := histogramF(t, m, "gen_ai.client.operation.duration")
	if len(dur) != 1 || dur[0].Count != 1 || !cmp.Equal(setAttrs(dur[0].Attributes), withResp) {
		t.Errorf("duration points %+v", dur)
	}
	if !cmp.Equal(dur[0].Bounds, []float64{0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92}) {
		t.Errorf("duration buckets %v, want the conventions'", dur[0].Bounds)
	}
	tokens := histogramI(t, m, "gen_ai.client.token.usage")
	wantTokens := map[string]int64{"input": 2066, "output": 100}
	if len(tokens) != 2 {
		t.Fatalf("token points %+v, want input and output", tokens)
	}
	for _, p := range tokens {
		typ := setAttrs(p.Attributes)["gen_ai.token.type"].(string)
		if p.Sum != wantTokens[typ] || p.Count != 1 || !cmp.Equal(setAttrs(p.Attributes), with(withResp, "gen_ai.token.type", typ)) {
			t.Errorf("token point %s: sum %d count %d attrs %v", typ, p.Sum, p.Count, setAttrs(p.Attributes))
		}
		if p.Bounds[len(p.Bounds)-1] != 67108864 {
			t.Errorf("token buckets %v, want the conventions'", p.Bounds)
		}
	}
	reqs := sumI(t, m, "claude.client.requests")
	if len(reqs) != 1 || reqs[0].Value != 1 || !cmp.Equal(setAttrs(reqs[0].Attributes), with(base, "http.response.status_code", int64(200))) {
		t.Errorf("requests points %+v", reqs)
	}
	for _, name := range []string{"claude.client.errors", "claude.client.retries", "gen_ai.client.operation.time_to_first_chunk", "claude.client.active_streams"} {
		if _, ok := m[name]; ok {
			t.Errorf("metric %s recorded for a plain successful call", name)
		}
	}
}

// TestCreateAPIError checks a call the API refuses: the span's status is
// Error with the API's error type, and the error counter has its point.
func TestCreateAPIError(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "error-400-invalid-request"))
	c := newClient(t, srv.URL, tel.option(false))
	if _, err := c.Messages.Create(context.Background(), request(t, "msg-text-max-tokens")); err == nil {
		t.Fatal("want the 400")
	}
	call := tel.span(t, "chat claude-3-haiku-20240307")
	if call.Status().Code != codes.Error {
		t.Errorf("status %v, want error", call.Status())
	}
	if got := attrs(call)["error.type"].AsString(); got != "invalid_request_error" {
		t.Errorf("error.type %q, want invalid_request_error", got)
	}
	attempt := tel.span(t, "messages.create attempt")
	if attrs(attempt)["http.response.status_code"].AsInt64() != 400 || attempt.Status().Code != codes.Error {
		t.Errorf("attempt span %v %v", attempt.Attributes(), attempt.Status())
	}
	m := tel.metrics(t)
	errs := sumI(t, m, "claude.client.errors")
	if len(errs) != 1 || errs[0].Value != 1 || setAttrs(errs[0].Attributes)["error.type"] != "invalid_request_error" {
		t.Errorf("errors points %+v", errs)
	}
	dur := histogramF(t, m, "gen_ai.client.operation.duration")
	if len(dur) != 1 || setAttrs(dur[0].Attributes)["error.type"] != "invalid_request_error" {
		t.Errorf("duration points %+v, want error.type", dur)
	}
	if _, ok := m["gen_ai.client.token.usage"]; ok {
		t.Error("token usage recorded for a refused call")
	}
}

// TestModelsList checks an operation other than chat: its span carries the
// client's operation name and no model.
func TestModelsList(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "models-list"))
	c := newClient(t, srv.URL, tel.option(false))
	if _, err := c.Models.ListPage(context.Background(), client.ModelListParams{}); err != nil {
		t.Fatal(err)
	}
	s := tel.span(t, "models.list")
	if attrs(s)["gen_ai.operation.name"].AsString() != "models.list" || attrs(s)["gen_ai.provider.name"].AsString() != "anthropic" {
		t.Errorf("models.list span %v", s.Attributes())
	}
	if _, ok := attrs(s)["gen_ai.request.model"]; ok {
		t.Error("models.list span has a request model")
	}
}

func with(m map[string]any, k string, v any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for mk, mv := range m {
		out[mk] = mv
	}
	out[k] = v
	return out
}

func histogramF(t testing.TB, m map[string]metricdata.Metrics, name string) []metricdata.HistogramDataPoint[float64] {
	t.Helper()
	h, ok := m[name].Data.(metricdata.Histogram[float64])
	if !ok {
		t.Fatalf("metric %s: %T, want a float histogram", name, m[name].Data)
	}
	return h.DataPoints
}

func histogramI(t testing.TB, m map[string]metricdata.Metrics, name string) []metricdata.HistogramDataPoint[int64] {
	t.Helper()
	h, ok := m[name].Data.(metricdata.Histogram[int64])
	if !ok {
		t.Fatalf("metric %s: %T, want an int histogram", name, m[name].Data)
	}
	return h.DataPoints
}

func sumI(t testing.TB, m map[string]metricdata.Metrics, name string) []metricdata.DataPoint[int64] {
	t.Helper()
	s, ok := m[name].Data.(metricdata.Sum[int64])
	if !ok {
		t.Fatalf("metric %s: %T, want an int sum", name, m[name].Data)
	}
	return s.DataPoints
}

// TestTwoObservers: the module on the client and again on a call (two
// providers) gives each provider its own call span with the reply's
// attributes: each observer finds its own call state.
func TestTwoObservers(t *testing.T) {
	t.Parallel()
	clientTel, callTel := newTelemetry(t), newTelemetry(t)
	srv := replay(t, loadCase(t, "msg-prompt-cache-read"))
	c := newClient(t, srv.URL, clientTel.option(false))
	if _, err := c.Messages.Create(context.Background(), request(t, "msg-prompt-cache-read"), callTel.option(false)); err != nil {
		t.Fatal(err)
	}
	for name, tel := range map[string]*telemetry{"client": clientTel, "call": callTel} {
		s := tel.span(t, "chat claude-sonnet-4-20250514")
		if got := attrs(s)["gen_ai.usage.output_tokens"].AsInt64(); got != 100 {
			t.Errorf("%s provider: output tokens %d, want 100", name, got)
		}
		if a := tel.span(t, "messages.create attempt"); a.Parent().SpanID() != s.SpanContext().SpanID() {
			t.Errorf("%s provider: the attempt span is not under its call span", name)
		}
	}
}

package claudeotel_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.uber.org/goleak"

	"github.com/claudego/claude/client"
	claudeotel "github.com/claudego/claude/extensions/otel"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// testKey is the only credential tests use; it only reaches loopback.
const testKey = "sk-ant-test-0123456789abcdef-otel-tests"

// recorded is the repository's recorded API traffic (testdata/recorded,
// each case listed in its MANIFEST.json).
const recorded = "../../testdata/recorded"

// telemetry is the real OpenTelemetry SDK with in-memory exporters: every
// ended span in spans, every metric read from reader.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	mp     *sdkmetric.MeterProvider
}

func newTelemetry(t testing.TB) *telemetry {
	t.Helper()
	tel := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tel.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tel.spans))
	tel.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(tel.reader))
	t.Cleanup(func() {
		_ = tel.tp.Shutdown(context.Background())
		_ = tel.mp.Shutdown(context.Background())
	})
	return tel
}

// option turns the module on with this telemetry.
func (tel *telemetry) option(capture bool) client.Option {
	return claudeotel.New(claudeotel.Config{TracerProvider: tel.tp, MeterProvider: tel.mp, CaptureContent: capture})
}

// ended returns the ended spans by name; it fails when a name repeats
// unless want allows it.
func (tel *telemetry) ended() []sdktrace.ReadOnlySpan { return tel.spans.Ended() }

// span returns the one ended span named name.
func (tel *telemetry) span(t testing.TB, name string) sdktrace.ReadOnlySpan {
	t.Helper()
	var found []sdktrace.ReadOnlySpan
	for _, s := range tel.spans.Ended() {
		if s.Name() == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one ended span %q, got %d (all: %v)", name, len(found), names(tel.spans.Ended()))
	}
	return found[0]
}

// spansNamed returns the ended spans named name, in the order they ended.
func (tel *telemetry) spansNamed(name string) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range tel.spans.Ended() {
		if s.Name() == name {
			out = append(out, s)
		}
	}
	return out
}

func names(spans []sdktrace.ReadOnlySpan) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name()
	}
	return out
}

// attrs returns a span's attributes by key.
func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

// metrics collects every metric now, by name.
func (tel *telemetry) metrics(t testing.TB) map[string]metricdata.Metrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Metrics{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			out[m.Name] = m
		}
	}
	return out
}

// setAttrs renders an attribute set as a map for comparison.
func setAttrs(s attribute.Set) map[string]any {
	m := map[string]any{}
	for _, kv := range s.ToSlice() {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

// recordedCase is one directory of testdata/recorded: its status, headers
// and body.
type recordedCase struct {
	status int
	header map[string]string
	body   []byte
}

func loadCase(t testing.TB, name string) recordedCase {
	t.Helper()
	dir := filepath.Join(recorded, name)
	raw, err := os.ReadFile(filepath.Join(dir, "response.json"))
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		Status   int               `json:"status"`
		Headers  map[string]string `json:"headers"`
		BodyFile string            `json:"body_file"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	body, err := os.ReadFile(filepath.Join(dir, resp.BodyFile))
	if err != nil {
		t.Fatal(err)
	}
	return recordedCase{status: resp.Status, header: resp.Headers, body: body}
}

// write sends the case as the reply.
func (rc recordedCase) write(w http.ResponseWriter) {
	for k, v := range rc.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rc.status)
	_, _ = w.Write(rc.body)
}

// replay serves the cases in order, one per request (the last repeats).
func replay(t testing.TB, cases ...recordedCase) *httptest.Server {
	t.Helper()
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := cases[min(n, len(cases)-1)]
		n++
		c.write(w)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// newClient is a client of srvURL with the given options after the key and
// base URL.
func newClient(t testing.TB, srvURL string, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(append([]client.Option{client.WithAPIKey(testKey), client.WithBaseURL(srvURL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// request is the recorded request of the stream-text case, as sent.
func request(t testing.TB, name string) client.MessageRequest {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(recorded, name, "request.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r client.MessageRequest
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func attrKey(k string) attribute.Key { return attribute.Key(k) }

package client_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
)

// testKey is the only credential tests use; it only ever reaches loopback.
const testKey = "sk-ant-test-0123456789abcdef-client-tests"

// recordedDir is the copy of the recorded API traffic (see its MANIFEST.json).
var recordedDir = filepath.Join("..", "testdata", "recorded")

// recordedCase is one directory of recorded traffic.
type recordedCase struct {
	Name     string
	Endpoint string
	Method   string
	Stream   bool
	Status   int
	Request  []byte // request.json, nil when not recorded
	Header   http.Header
	Body     []byte
}

type manifest struct {
	Cases []struct {
		Name      string `json:"name"`
		Endpoint  string `json:"endpoint"`
		Method    string `json:"method"`
		Streaming bool   `json:"streaming"`
		Status    int    `json:"status"`
	} `json:"cases"`
}

var (
	casesOnce sync.Once
	casesAll  []recordedCase
	casesErr  error
)

// recordedCases returns every case whose endpoint is one of endpoints.
func recordedCases(t *testing.T, endpoints ...string) []recordedCase {
	t.Helper()
	casesOnce.Do(func() { casesAll, casesErr = loadCases() })
	if casesErr != nil {
		t.Fatalf("loading recorded cases: %v", casesErr)
	}
	var out []recordedCase
	for _, c := range casesAll {
		for _, e := range endpoints {
			if c.Endpoint == e {
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no recorded cases for %v", endpoints)
	}
	return out
}

func loadCases() ([]recordedCase, error) {
	raw, err := os.ReadFile(filepath.Join(recordedDir, "MANIFEST.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	var out []recordedCase
	for _, mc := range m.Cases {
		dir := filepath.Join(recordedDir, mc.Name)
		var resp struct {
			Status   int               `json:"status"`
			Headers  map[string]string `json:"headers"`
			BodyFile string            `json:"body_file"`
		}
		rb, err := os.ReadFile(filepath.Join(dir, "response.json"))
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(rb, &resp); err != nil {
			return nil, err
		}
		body, err := os.ReadFile(filepath.Join(dir, resp.BodyFile))
		if err != nil {
			return nil, err
		}
		req, _ := os.ReadFile(filepath.Join(dir, "request.json"))
		h := http.Header{}
		for k, v := range resp.Headers {
			h.Set(k, v)
		}
		out = append(out, recordedCase{
			Name: mc.Name, Endpoint: mc.Endpoint, Method: mc.Method, Stream: mc.Streaming,
			Status: resp.Status, Request: req, Header: h, Body: body,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// serveCase answers every request with the recorded response.
func serveCase(c recordedCase) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range c.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(c.Status)
		_, _ = w.Write(c.Body)
	}
}

// setup starts a loopback server with handler and a client pointed at it.
func setup(t *testing.T, handler http.Handler, opts ...client.Option) *client.Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := client.New(append([]client.Option{client.WithAPIKey(testKey), client.WithBaseURL(srv.URL)}, opts...)...)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

// minimalRequest is the smallest valid Messages request.
func minimalRequest() client.MessageRequest {
	return client.MessageRequest{
		Model:     "claude-haiku-4-5",
		MaxTokens: 64,
		Messages:  []client.MessageParam{client.UserText("Hello")},
	}
}

// canonicalJSON decodes raw JSON into plain values (numbers as float64, so
// 1.0 and 1 are equal) with object keys whose value is null removed: the API
// treats an absent field and a null one alike, so "semantically identical"
// ignores that difference and nothing else.
func canonicalJSON(t *testing.T, raw []byte) any {
	t.Helper()
	return canonical(t, raw, false)
}

// canonicalRequestJSON also drops false booleans: every boolean request
// parameter defaults to false, so sending false and leaving it out mean the
// same (the request types omit zero values).
func canonicalRequestJSON(t *testing.T, raw []byte) any {
	t.Helper()
	return canonical(t, raw, true)
}

func canonical(t *testing.T, raw []byte, dropFalse bool) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decoding %q: %v", truncate(raw), err)
	}
	return dropDefaults(v, dropFalse)
}

func dropDefaults(v any, dropFalse bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil || dropFalse && e == false {
				delete(x, k)
				continue
			}
			x[k] = dropDefaults(e, dropFalse)
		}
	case []any:
		for i, e := range x {
			x[i] = dropDefaults(e, dropFalse)
		}
	}
	return v
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

// newLoopback starts an httptest server and returns its URL.
func newLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// newLoopbackB starts an httptest server for a benchmark.
func newLoopbackB(b *testing.B, h http.Handler) string {
	b.Helper()
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv.URL
}

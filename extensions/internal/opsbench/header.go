package opsbench

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// recordedCase is the recorded Messages reply whose headers the benchmarks
// answer with: a 200 from api.anthropic.com with its twelve
// anthropic-ratelimit-* headers (testdata/recorded/MANIFEST.json lists its
// source: crmne/ruby_llm, MIT).
const recordedCase = "msg-text-basic"

// otherAPIHeaders are the rest of that reply's headers, as the source
// cassette holds them: testdata/recorded keeps only a few names (its
// README), but a rate limiter finds its twelve among all of these. Values
// the source scrubbed stay scrubbed; the hop-by-hop Transfer-Encoding and
// Connection are left out, as net/http takes them out of a reply's Header.
var otherAPIHeaders = map[string]string{
	"Date":                          "Thu, 02 Apr 2026 11:23:03 GMT",
	"Request-Id":                    "<REQUEST_ID>",
	"Strict-Transport-Security":     "max-age=31536000; includeSubDomains; preload",
	"Anthropic-Organization-Id":     "<ANTHROPIC_ORGANIZATION_ID>",
	"Server":                        "cloudflare",
	"X-Envoy-Upstream-Service-Time": "638",
	"Server-Timing":                 "x-originResponse;dur=640",
	"Cf-Cache-Status":               "DYNAMIC",
	"Set-Cookie":                    "<COOKIE>",
	"Content-Security-Policy":       "default-src 'none'; frame-ancestors 'none'",
	"X-Robots-Tag":                  "none",
	"Cf-Ray":                        "<CF_RAY>",
}

// APIReplyHeader returns the header of a real API reply: the recorded
// case's headers (its rate-limit headers and Content-Type) as the recording
// holds them, read from testdata/recorded so they never drift from it, plus
// otherAPIHeaders. Names are canonical, as net/http reads them off the wire.
func APIReplyHeader(tb testing.TB) http.Header {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("opsbench: no source path to find testdata/recorded from")
	}
	path := filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "recorded", recordedCase, "response.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("opsbench: reading the recorded reply: %v", err)
	}
	var rec struct {
		Headers map[string]string `json:"headers"`
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		tb.Fatalf("opsbench: %s: %v", path, err)
	}
	h := http.Header{}
	for k, v := range rec.Headers {
		h.Set(k, v)
	}
	for k, v := range otherAPIHeaders {
		h.Set(k, v)
	}
	return h
}

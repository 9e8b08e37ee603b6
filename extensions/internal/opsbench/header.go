package opsbench

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
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
	path, err := recordedReply()
	if err != nil {
		tb.Fatalf("opsbench: %v", err)
	}
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

// recordedReply finds the recorded case's response.json: beside this
// source file in the repository, or (a binary built with -trimpath) above
// the working directory, which go test sets to the package's.
func recordedReply() (string, error) {
	rel := filepath.Join("testdata", "recorded", recordedCase, "response.json")
	if _, file, _, ok := runtime.Caller(0); ok {
		if p := filepath.Join(filepath.Dir(file), "..", "..", "..", rel); fileExists(p) {
			return p, nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if p := filepath.Join(dir, rel); fileExists(p) {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no " + rel + " above the working directory")
		}
		dir = parent
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// APIReplyHeaders returns the headers of successive API replies: the
// recorded reply's (APIReplyHeader), then with each bucket's remaining
// count lower by what a call takes (a request; the reply's 12 input and 3
// output tokens), as the API counts down between refills. A layer that
// reads the headers thus meets a new remaining count in every reply, and
// the limits and reset times it met before.
func APIReplyHeaders(tb testing.TB) []http.Header {
	tb.Helper()
	first := APIReplyHeader(tb)
	perCall := map[string]int64{
		"Anthropic-Ratelimit-Requests-Remaining":      1,
		"Anthropic-Ratelimit-Input-Tokens-Remaining":  12,
		"Anthropic-Ratelimit-Output-Tokens-Remaining": 3,
		"Anthropic-Ratelimit-Tokens-Remaining":        15,
	}
	list := make([]http.Header, replyHeaderCount)
	for i := range list {
		// Every reply's strings are its own, as net/http reads them off
		// the wire: a value equal to the last reply's is equal in content,
		// not the same string.
		h := http.Header{}
		for k, v := range first {
			h[strings.Clone(k)] = []string{strings.Clone(v[0])}
		}
		for k, step := range perCall {
			n, err := strconv.ParseInt(h.Get(k), 10, 64)
			if err != nil {
				tb.Fatalf("opsbench: the recorded %s: %v", k, err)
			}
			h.Set(k, strconv.FormatInt(n-int64(i)*step, 10))
		}
		list[i] = h
	}
	return list
}

// replyHeaderCount is how many replies' headers APIReplyHeaders makes; the
// replies cycle through them.
const replyHeaderCount = 64

// replyHeaders hands out header lists in turn, safe for concurrent use.
type replyHeaders struct {
	list []http.Header
	n    atomic.Uint64
}

func (r *replyHeaders) next() http.Header {
	return r.list[(r.n.Add(1)-1)%uint64(len(r.list))]
}

package diagnostics_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/extensions/diagnostics"
)

// TestCurlHeadFollowsTheRequest: the layer keeps the last command's head
// for the next request like it, and a request that differs from the last
// in one thing only (a header's value, a second value, one more header,
// the URL's query, the method, a body or none) gets its own head, as Curl
// writes it.
func TestCurlHeadFollowsTheRequest(t *testing.T) {
	t.Parallel()
	layer := newFuzzLayer()
	base := func() *http.Request {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", strings.NewReader(`{"a":1}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = http.Header{"Content-Type": {"application/json"}, "Anthropic-Version": {"2023-06-01"}, "X-Api-Key": {"sk-ant-test-head"}}
		return req
	}
	variants := []func(*http.Request){
		func(*http.Request) {},
		func(r *http.Request) { r.Header["Anthropic-Version"] = []string{"2023-06-02"} },
		func(r *http.Request) { r.Header["Anthropic-Version"] = append(r.Header["Anthropic-Version"], "x") },
		func(r *http.Request) { r.Header["Anthropic-Beta"] = []string{"files-api-2025-04-14"} },
		func(r *http.Request) { delete(r.Header, "X-Api-Key"); r.Header["Authorization"] = []string{"Bearer x"} },
		func(r *http.Request) { r.URL.RawQuery = "beta=true" },
		func(r *http.Request) { r.Method = http.MethodPut },
		func(r *http.Request) {
			r.Method, r.Body, r.GetBody, r.ContentLength = http.MethodGet, http.NoBody, nil, 0
		},
	}
	for round := range 2 { // the second round starts from the last variant's head
		for i, change := range variants {
			req := base()
			change(req)
			body := ""
			if req.Body != http.NoBody {
				body = `{"a":1}`
			}
			want, err := diagnostics.Curl(req, []byte(body), 0, "")
			if err != nil {
				t.Fatal(err)
			}
			for range 2 { // written, then from the kept head
				if got := layer.command(t, req.Clone(req.Context())); got != want+"\n\n" {
					t.Errorf("round %d, variant %d:\n got %q\nwant %q", round, i, got, want+"\n\n")
				}
			}
		}
	}
}

// TestCurlDeclaredLengthWithoutBytes: a body that declares a length but
// holds no byte is written as no body, as the body read into memory was.
func TestCurlDeclaredLengthWithoutBytes(t *testing.T) {
	t.Parallel()
	req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	req.Body = io.NopCloser(strings.NewReader(""))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("")), nil }
	req.ContentLength = 5
	want, err := diagnostics.Curl(req, nil, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := newFuzzLayer().command(t, req); got != want+"\n\n" || strings.Contains(got, "--data-binary") {
		t.Fatalf("got %q, want %q", got, want+"\n\n")
	}
}

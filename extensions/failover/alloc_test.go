package failover_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/failover"
)

// TestRoutingAllocations pins what one routed attempt allocates: the copy of
// the request and of its URL, nothing more. The plan stays on the stack,
// the rewritten path comes from the endpoint's cache and the header is the
// caller's (a deep Clone of the request cost 8 allocations and two thirds of
// the layer's instructions). Not parallel: AllocsPerRun counts every
// goroutine's allocations.
func TestRoutingAllocations(t *testing.T) {
	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{
		{BaseURL: "https://gw.example/proxy"}, {BaseURL: "https://spare.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got *http.Request
	resp := &http.Response{StatusCode: http.StatusOK, Body: http.NoBody}
	rt := r.Middleware(client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		got = req
		return resp, nil
	}))
	req, err := http.NewRequest(http.MethodPost, "https://api.example/v1/messages", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("{}")), nil }
	req.Header.Set("x-api-key", "sk-ant-test-failover-allocs")
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
	})
	if got.URL.String() != "https://gw.example/proxy/v1/messages" || got.Header.Get("x-api-key") != "sk-ant-test-failover-allocs" {
		t.Fatalf("routed to %s with key %q", got.URL, got.Header.Get("x-api-key"))
	}
	if allocs > 2 {
		t.Fatalf("%v allocations per routed attempt, want at most 2 (the request and its URL)", allocs)
	}
}

// TestRewrittenPathPerRequest: the endpoint's cache of its last rewritten
// path never hands one request's path to another.
func TestRewrittenPathPerRequest(t *testing.T) {
	t.Parallel()
	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: "https://gw.example/proxy/"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got *http.Request
	rt := r.Middleware(client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		got = req
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody}, nil
	}))
	for _, tc := range []struct{ in, want string }{
		{"https://api.example/v1/messages", "https://gw.example/proxy/v1/messages"},
		{"https://api.example/base/v1/models/a%2Fb", "https://gw.example/proxy/v1/models/a%2Fb"},
		{"https://api.example/v1/messages?beta=true", "https://gw.example/proxy/v1/messages?beta=true"},
		{"https://api.example/other", "https://gw.example/proxy/other"},
		{"https://api.example/v1/models/a%2Fb", "https://gw.example/proxy/v1/models/a%2Fb"},
	} {
		req, err := http.NewRequest(http.MethodGet, tc.in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if got.URL.String() != tc.want || req.URL.String() != tc.in {
			t.Errorf("%s went to %s (caller's URL now %s), want %s", tc.in, got.URL, req.URL, tc.want)
		}
	}
}

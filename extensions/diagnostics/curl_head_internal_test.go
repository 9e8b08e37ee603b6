package diagnostics

import (
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestKeptHeadHoldsNoSecret: the layer keeps a command's head and what it
// was made of, but not a credential's value, which the head never shows;
// a request with another key gets the same head.
func TestKeptHeadHoldsNoSecret(t *testing.T) {
	t.Parallel()
	const key = "sk-ant-test-kept-head-0123456789"
	var out strings.Builder
	d := NewDiagnostics(Config{Curl: &out})
	rt := d.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	}))
	for _, k := range []string{key, key + "-other"} {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {k}, "Authorization": {"Bearer " + k}, "X-Secret-Token": {k}}
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
	}
	for i := range d.heads.heads {
		h := d.heads.heads[i].Load()
		if h == nil {
			continue
		}
		if i > 0 {
			t.Errorf("a second head was kept for a request that differs only in its key")
		}
		for _, hd := range h.header {
			for _, v := range hd.values {
				if strings.Contains(v, key) {
					t.Errorf("the kept head holds %s's value", hd.name)
				}
			}
		}
	}
	if strings.Contains(out.String(), key) {
		t.Fatalf("the command shows the key:\n%s", out.String())
	}
}

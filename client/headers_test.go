package client_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/claudego/claude/client"
)

// TestFixedHeadersShareNoValues: the header stage backs its fixed values
// with one array; a middleware adding to one of them must leave the others
// as they were (each slice's capacity is its length).
func TestFixedHeadersShareNoValues(t *testing.T) {
	got := make(chan http.Header, 2)
	url := newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Clone()
		w.Header().Set("content-type", "application/json")
		_, _ = io.WriteString(w, `{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`)
	}))
	add := func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.Header.Add("Anthropic-Version", "extra-version")
			r.Header.Add("Accept", "text/plain")
			return next.RoundTrip(r)
		})
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-headers"), client.WithBaseURL(url), client.WithMiddleware(add))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
			t.Fatal(err)
		}
		h := <-got
		if v := h.Values("Anthropic-Version"); !slices.Equal(v, []string{client.APIVersion, "extra-version"}) {
			t.Errorf("Anthropic-Version %q", v)
		}
		if v := h.Values("Accept"); !slices.Equal(v, []string{"application/json", "text/plain"}) {
			t.Errorf("Accept %q", v)
		}
		if v := h.Values("User-Agent"); len(v) != 1 || v[0] == "extra-version" || v[0] == "application/json" {
			t.Errorf("User-Agent %q: overwritten by a neighbour's Add", v)
		}
	}
}

package opsbench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/canned"
)

// reply is a small recorded-shape reply with usage, so layers that read it
// (quota, cost) do their real work.
const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}}`

// memoryTransport answers every request with reply, as the loopback server
// does, after reading the request body as a transport would. Its replies'
// headers, when it has them, are its header lists in turn (each copied, as
// a transport reads a new map off the wire); without, a reply carries the
// Content-Type alone.
type memoryTransport struct{ headers *replyHeaders }

func (t memoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"application/json"}}
	if t.headers != nil {
		h = t.headers.next().Clone()
	}
	return canned.Respond(r, h, strings.NewReader(reply), int64(len(reply))), nil
}

// Request is the benchmarked call: a conversation of about 2 KB.
func Request() client.MessageRequest {
	return client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64,
		Messages: []client.MessageParam{client.UserText(strings.Repeat("Tell me about systems. ", 100))}}
}

// Compare runs sub-benchmarks of one Create against a loopback server:
// "off" (no layer), "on" (with opts) and "overhead", which alternates a bare
// call and a layered one in the same loop, so the machine's load weighs on
// both alike, and reports each one's mean time (bare-ns/call,
// layer-ns/call) and the layer's share of a call (overhead-%). The
// overhead is small against the noise of a loaded machine: read it over
// -count runs with benchstat, or count instructions (README, Performance).
//
// "inmem-off" and "inmem-on" make the same call through a transport that
// answers from memory: no sockets and no goroutines waking each other, so
// the instructions they count differ by the layer's own work alone, the
// same on every run (a loopback call's count moves by a few thousand with
// the scheduler).
//
// The reply carries a Content-Type and no other header, as a test server's
// or a gateway's does; CompareAPIHeaders answers as the API does.
func Compare(b *testing.B, opts ...client.Option) {
	CompareAt(b, func(string) []client.Option { return opts })
}

// CompareAPIHeaders is Compare with every reply carrying the headers of a
// real API reply (APIReplyHeader: the twelve anthropic-ratelimit-* among
// two dozen), for a layer that reads them (the rate limiter). Both the bare
// and the layered call get them, so the difference is still the layer's.
func CompareAPIHeaders(b *testing.B, opts ...client.Option) {
	compare(b, &replyHeaders{list: APIReplyHeaders(b)}, func(string) []client.Option { return opts })
}

// CompareAt is Compare for a layer whose options name the server (a
// failover endpoint): layer returns them for the server's base URL.
func CompareAt(b *testing.B, layer func(serverURL string) []client.Option) {
	compare(b, nil, layer)
}

// compare is CompareAt answering with headers (nil: the Content-Type
// alone).
func compare(b *testing.B, headers *replyHeaders, layer func(serverURL string) []client.Option) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if headers != nil {
			for k, v := range headers.next() {
				w.Header()[k] = v
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	defer srv.Close()
	newClient := func(b *testing.B, opts []client.Option) *client.Client {
		c, err := client.New(append([]client.Option{client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL(srv.URL)}, opts...)...)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	opts := layer(srv.URL)
	req := Request()
	ctx := context.Background()
	run := func(b *testing.B, opts []client.Option) {
		c := newClient(b, opts)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := c.Messages.Create(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("off", func(b *testing.B) { run(b, nil) })
	b.Run("on", func(b *testing.B) { run(b, opts) })
	inMemory := append([]client.Option{client.WithHTTPClient(&http.Client{Transport: memoryTransport{headers}})}, opts...)
	b.Run("inmem-off", func(b *testing.B) { run(b, inMemory[:1]) })
	b.Run("inmem-on", func(b *testing.B) { run(b, inMemory) })
	b.Run("overhead", func(b *testing.B) {
		bare, layered := newClient(b, nil), newClient(b, opts)
		var tBare, tLayer time.Duration
		calls := 0
		for b.Loop() {
			for _, c := range [2]*client.Client{bare, layered} {
				start := time.Now()
				if _, err := c.Messages.Create(ctx, req); err != nil {
					b.Fatal(err)
				}
				if c == bare {
					tBare += time.Since(start)
				} else {
					tLayer += time.Since(start)
				}
			}
			calls++
		}
		b.ReportMetric(float64(tBare.Nanoseconds())/float64(calls), "bare-ns/call")
		b.ReportMetric(float64(tLayer.Nanoseconds())/float64(calls), "layer-ns/call")
		b.ReportMetric(100*(float64(tLayer)-float64(tBare))/float64(tBare), "overhead-%")
	})
}

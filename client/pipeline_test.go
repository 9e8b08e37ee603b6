package client_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
)

// TestPipelineOrderGolden pins the documented pipeline. Changing it is a
// breaking change for every extension and must update ARCHITECTURE.md.
func TestPipelineOrderGolden(t *testing.T) {
	t.Parallel()
	want := []string{"headers", "middleware", "quota", "ratelimit", "circuitbreaker", "retry", "failover", "diagnostics", "compression", "secrets", "transport"}
	if got := client.PipelineOrder(); !slices.Equal(got, want) {
		t.Fatalf("PipelineOrder() = %q, want %q", got, want)
	}
	layers := []client.Layer{client.LayerQuota, client.LayerRateLimit, client.LayerCircuitBreaker, client.LayerRetry, client.LayerFailover,
		client.LayerDiagnostics, client.LayerCompression, client.LayerSecrets}
	for i, l := range layers {
		if l.String() != want[2+i] {
			t.Errorf("layer %d is %q, want %q", i, l, want[2+i])
		}
	}
}

// pipelineTrace records which stage saw the request, in order.
type pipelineTrace struct {
	mu    sync.Mutex
	names []string
}

func (p *pipelineTrace) add(t *testing.T, name string, r *http.Request) {
	if r.Header.Get("anthropic-version") == "" || r.Header.Get("x-api-key") == "" {
		t.Errorf("%s ran before the headers stage", name)
	}
	p.mu.Lock()
	p.names = append(p.names, name)
	p.mu.Unlock()
}

func (p *pipelineTrace) mw(t *testing.T, name string) client.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			p.add(t, name, r)
			return next.RoundTrip(r)
		})
	}
}

// TestPipelineWrappingOrder proves the chain a call really runs, whatever the
// order the options were given in: headers, user middleware, rate limit,
// circuit breaker, retry, failover, then the transport.
func TestPipelineWrappingOrder(t *testing.T) {
	t.Parallel()
	tr := &pipelineTrace{}
	srv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	})
	var base http.RoundTripper = http.DefaultTransport
	transport := client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		tr.add(t, "transport", r)
		return base.RoundTrip(r)
	})
	// Options deliberately out of pipeline order.
	c := setup(t, srv,
		client.WithLayer(client.LayerSecrets, tr.mw(t, "secrets")),
		client.WithLayer(client.LayerCompression, tr.mw(t, "compression")),
		client.WithLayer(client.LayerFailover, tr.mw(t, "failover")),
		client.WithLayer(client.LayerDiagnostics, tr.mw(t, "diagnostics")),
		client.WithLayer(client.LayerQuota, tr.mw(t, "quota")),
		client.WithLayer(client.LayerRetry, tr.mw(t, "retry")),
		client.WithHTTPClient(&http.Client{Transport: transport}),
		client.WithLayer(client.LayerRateLimit, tr.mw(t, "ratelimit")),
		client.WithMiddleware(tr.mw(t, "middleware")),
		client.WithLayer(client.LayerCircuitBreaker, tr.mw(t, "circuitbreaker")),
	)
	req := client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}
	if _, err := c.Messages.CountTokens(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	want := client.PipelineOrder()[1:] // "headers" is proven by every stage seeing the headers
	if !slices.Equal(tr.names, want) {
		t.Fatalf("stages ran %q, want %q", tr.names, want)
	}

	// A call option replaces its slot for that call only; nil removes it.
	tr.names = nil
	if _, err := c.Messages.CountTokens(context.Background(), req,
		client.WithLayer(client.LayerRetry, tr.mw(t, "call-retry")),
		client.WithLayer(client.LayerFailover, nil)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tr.names, ","); got != "middleware,quota,ratelimit,circuitbreaker,call-retry,diagnostics,compression,secrets,transport" {
		t.Fatalf("with call options: %s", got)
	}
	tr.names = nil
	if _, err := c.Messages.CountTokens(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tr.names, want) {
		t.Fatalf("call options leaked into the client: %q", tr.names)
	}
}

func TestPipelineUnknownLayerRejected(t *testing.T) {
	t.Parallel()
	if _, err := client.New(client.WithAPIKey(testKey), client.WithLayer(client.Layer(99), nil)); err == nil {
		t.Fatal("unknown layer accepted")
	}
}

package client_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestMiddlewareAtNamedStages: middleware placed relative to named stages
// (the fixed ones and earlier insertions) runs exactly there, whatever the
// option order, and the fixed order PipelineOrder pins is unchanged around it.
func TestMiddlewareAtNamedStages(t *testing.T) {
	t.Parallel()
	tr := &pipelineTrace{}
	srv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	})
	c := setup(t, srv,
		client.WithMiddlewareAt(client.After("retry"), "per-attempt", tr.mw(t, "per-attempt")),
		client.WithLayer(client.LayerRetry, tr.mw(t, "retry")),
		client.WithMiddlewareAt(client.Before("transport"), "wire", tr.mw(t, "wire")),
		client.WithMiddlewareAt(client.After("per-attempt"), "inner", tr.mw(t, "inner")),
		client.WithLayer(client.LayerFailover, tr.mw(t, "failover")),
		client.WithMiddlewareAt(client.Before("ratelimit"), "budget", tr.mw(t, "budget")),
		client.WithLayer(client.LayerRateLimit, tr.mw(t, "ratelimit")),
		client.WithMiddleware(tr.mw(t, "middleware")),
	)
	req := client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}
	if _, err := c.Messages.CountTokens(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	want := "middleware,budget,ratelimit,retry,per-attempt,inner,failover,wire"
	if got := strings.Join(tr.names, ","); got != want {
		t.Fatalf("stages ran %s, want %s", got, want)
	}

	// A call option with an installed name replaces that middleware in its
	// place for the call only; nil removes it for the call.
	tr.names = nil
	if _, err := c.Messages.CountTokens(context.Background(), req,
		client.WithMiddlewareAt(client.Before("ratelimit"), "per-attempt", tr.mw(t, "call-attempt")),
		client.WithMiddlewareAt(client.After("retry"), "budget", nil)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tr.names, ","); got != "middleware,ratelimit,retry,call-attempt,inner,failover,wire" {
		t.Fatalf("with call options: %s", got)
	}
	tr.names = nil
	if _, err := c.Messages.CountTokens(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tr.names, ","); got != want {
		t.Fatalf("call options leaked into the client: %s", got)
	}
	if got := client.PipelineOrder(); !slices.Equal(got, []string{"headers", "middleware", "quota", "ratelimit", "circuitbreaker", "retry", "failover", "diagnostics", "compression", "secrets", "transport"}) {
		t.Fatalf("PipelineOrder() = %q", got)
	}
}

// TestMiddlewareAtRejectsBadPlacement: New fails fast, naming the problem,
// on a placement that names no stage, one outside the pipeline, a name that
// is a fixed stage's, an empty name, or a nil middleware.
func TestMiddlewareAtRejectsBadPlacement(t *testing.T) {
	t.Parallel()
	mw := func(next http.RoundTripper) http.RoundTripper { return next }
	cases := []struct {
		opt  client.Option
		want string
	}{
		{client.WithMiddlewareAt(client.After("retyr"), "x", mw), `unknown stage "retyr"`},
		{client.WithMiddlewareAt(client.Before("headers"), "x", mw), `"headers"`},
		{client.WithMiddlewareAt(client.After("transport"), "x", mw), `after "transport"`},
		{client.WithMiddlewareAt(client.After("retry"), "retry", mw), `"retry" is a fixed stage`},
		{client.WithMiddlewareAt(client.After("retry"), "", mw), "empty name"},
		{client.WithMiddlewareAt(client.Placement{}, "x", mw), `unknown stage ""`},
		{client.WithMiddlewareAt(client.After("retry"), "x", nil), `nil middleware for "x"`},
	}
	for _, c := range cases {
		_, err := client.New(client.WithAPIKey(testKey), c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "WithMiddlewareAt") {
			t.Errorf("error %v, want one naming WithMiddlewareAt and %s", err, c.want)
		}
	}
	if got := client.After("retry").String(); got != `after "retry"` {
		t.Errorf("After(retry).String() = %q", got)
	}
}

package client

import "net/http"

// Middleware wraps the next http.RoundTripper. A middleware must keep the
// RoundTripper contract: not mutate the caller's request (clone it), close a
// response body it drops, and stop when the request's context is done.
type Middleware func(next http.RoundTripper) http.RoundTripper

// RoundTripperFunc adapts a function to http.RoundTripper.
type RoundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f(req).
func (f RoundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// Layer is one of the fixed slots for the opt-in features that ship with
// this module: reliability (rate limit, circuit breaker, retry, failover)
// and operations (quota, diagnostics, compression, secrets). A new layer
// needs no new constant: it names its place relative to these with
// WithMiddlewareAt.
type Layer int

// The slots, outermost first. The quota is outside the rate limiter so that a
// call refused for budget never waits for rate; diagnostics, compression and
// the secrets check sit inside retry and failover, so they see every attempt
// exactly as it goes on the wire (ARCHITECTURE.md, "Data flow").
const (
	LayerQuota Layer = iota
	LayerRateLimit
	LayerCircuitBreaker
	LayerRetry
	LayerFailover
	LayerDiagnostics
	LayerCompression
	LayerSecrets
	numLayers
)

// String names the layer as PipelineOrder does.
func (l Layer) String() string {
	switch l {
	case LayerQuota:
		return "quota"
	case LayerRateLimit:
		return "ratelimit"
	case LayerCircuitBreaker:
		return "circuitbreaker"
	case LayerRetry:
		return "retry"
	case LayerFailover:
		return "failover"
	case LayerDiagnostics:
		return "diagnostics"
	case LayerCompression:
		return "compression"
	case LayerSecrets:
		return "secrets"
	}
	return "unknown"
}

// PipelineOrder lists the request pipeline's fixed stages, outermost first:
// headers and auth, user middleware, then the opt-in layers (see Layer),
// then the transport. A golden test pins it. WithMiddlewareAt places more
// middleware relative to these names (After("retry") runs per attempt).
//
// The rate limiter sits outside retry by decision: it paces calls, and the
// attempts retry makes for one call are not paced again (retry waits its
// own backoff and the server's retry-after). So a burst of retried calls can
// send up to MaxRetries+1 requests per admitted call; a user who wants every
// attempt paced installs a limiter's middleware with After("retry") instead.
// The circuit breaker sits outside retry too, so one call counts once
// whatever its attempts; failover sits inside, so each attempt may go to the
// next endpoint (ARCHITECTURE.md, "A layer").
func PipelineOrder() []string {
	return []string{"headers", "middleware", "quota", "ratelimit", "circuitbreaker", "retry", "failover", "diagnostics", "compression", "secrets", "transport"}
}

// roundTripper builds the chain for one call. Building is a handful of
// closures, cheap next to any request.
func (c *config) roundTripper(base http.RoundTripper) http.RoundTripper {
	rt := base
	stages := c.stages()
	for i := len(stages) - 1; i >= 0; i-- {
		if stages[i].name == "middleware" {
			for j := len(c.middleware) - 1; j >= 0; j-- {
				rt = c.middleware[j](rt)
			}
			continue
		}
		if mw := stages[i].mw; mw != nil { // nil: an empty slot, or the transport
			rt = mw(rt)
		}
	}
	return rt
}

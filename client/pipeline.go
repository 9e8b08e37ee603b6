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

// Layer is one of the fixed slots for the opt-in features: reliability
// (rate limit, circuit breaker, retry, failover) and operations (quota,
// diagnostics, compression, secrets).
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

// PipelineOrder lists the request pipeline, outermost first: headers and
// auth, user middleware, then the opt-in layers (see Layer), then the
// transport. A golden test pins it.
func PipelineOrder() []string {
	return []string{"headers", "middleware", "quota", "ratelimit", "circuitbreaker", "retry", "failover", "diagnostics", "compression", "secrets", "transport"}
}

// roundTripper builds the chain for one call. Building is a handful of
// closures, cheap next to any request.
func (c *config) roundTripper(base http.RoundTripper) http.RoundTripper {
	rt := base
	for l := numLayers - 1; l >= 0; l-- {
		if mw := c.layers[l]; mw != nil {
			rt = mw(rt)
		}
	}
	for i := len(c.middleware) - 1; i >= 0; i-- {
		rt = c.middleware[i](rt)
	}
	return rt
}

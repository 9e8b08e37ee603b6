// Package failover is the opt-in failover layer of the claude client: it
// sends each attempt to one of several endpoints (base URL, optionally with
// its own API key or auth token) and, when one fails (connection error,
// timeout, 5xx, 529, 408), tries the next.
//
// Strategies: Priority (the order given), RoundRobin, Random, Sticky (keep
// the last endpoint that worked). Each endpoint's Health (Unknown, Healthy,
// Degraded, Unhealthy) follows the outcomes; an Unhealthy endpoint is skipped
// until Config.CoolDown passes. A call tries each endpoint at most once
// (Config.MaxAttempts bounds how many), so it never loops; when every
// endpoint is cooling down it fails fast with *NoEndpointError (matching
// client.ErrNoEndpoint).
//
// The layer rewrites scheme, host (and path prefix) and, when the endpoint
// has its own credential, the auth header, on a copy of the request (the
// caller's request is never written to). Plain http is accepted only for
// loopback endpoints.
//
//	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{
//		{BaseURL: "https://api.anthropic.com"},
//		{BaseURL: "https://gateway.example.com", APIKey: client.NewSecret(key2)},
//	}})
//	c, err := client.New(r.Option())
//
// Failover is the innermost layer, inside retry: each retry attempt walks the
// endpoints again, skipping those cooling down.
package failover

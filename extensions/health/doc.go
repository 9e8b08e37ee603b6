// Package health checks Claude API endpoints, for dashboards and readiness
// probes. It is stateless unless you start a Monitor.
//
// Two checks are provided: Ping (HEAD on the base URL, no credential) and
// LightweightAPI (GET /v1/models?limit=1, the cheapest authenticated call).
// A check is Healthy, Degraded (slower than Checker.Degraded, default 2 s) or
// Unhealthy (slower than Checker.Unhealthy, default 10 s, or failed).
// Checker.CheckAll checks many endpoints concurrently and aggregates them
// into a Report with percentages. Handler serves a readiness probe that also
// reports circuit-breaker states and the last error. A Monitor re-checks on
// an interval only while its Run(ctx) runs.
//
//	chk := &health.Checker{APIKey: client.NewSecret(key)}
//	rep := chk.CheckAll(ctx, health.LightweightAPI, "https://api.anthropic.com")
//	http.Handle("/readyz", health.Handler(health.Config{Endpoints: urls, Breakers: []health.Breaker{b}}))
package health

// Package preset turns on the recommended set of reliability layers in one
// option (ARCHITECTURE.md, rule 3: nothing is on unless you turn it on):
//
//   - ratelimit: no local limits, but learns the anthropic-ratelimit-* and
//     retry-after headers and waits for the reset (bounded by the context)
//     instead of drawing a 429;
//   - circuitbreaker: opens after 5 consecutive server failures (5xx, 529,
//     connection errors, timeouts; never 4xx or 429), fails fast for 30 s,
//     then probes;
//   - retry: the official SDK's policy (2 retries, 0.5 s to 8 s backoff with
//     jitter, retry-after honoured, deadline-aware), plus retry of a stream
//     that fails before its first content delta.
//
// Failover and health checks need endpoints, so they are not part of it.
//
//	c, err := client.New(preset.Recommended())
//
// or, to watch the breaker:
//
//	p := preset.NewPreset(preset.Config{})
//	c, err := client.New(p.Option())
//	fmt.Println(p.Breaker.State())
package preset

// Package circuitbreaker is the opt-in circuit breaker of the claude client:
// Closed -> Open -> Half-open -> Closed.
//
// After Config.FailureThreshold consecutive failures the circuit opens and
// every call fails fast, with no I/O, with an *OpenError that matches
// client.ErrCircuitOpen and says when the circuit half-opens. After
// OpenDuration it lets HalfOpenProbes calls through; SuccessThreshold
// consecutive successes close it, a failure reopens it.
//
// Only signs that the service is unhealthy count as failures: 5xx, 529,
// 408, connection errors and timeouts. Client errors never count, 429
// included: a rate limit reflects the caller's rate, not the service's health.
// A streamed reply counts when the stream ends, not when its 200 headers
// arrive: an overloaded or api error event mid-stream, or a broken
// connection, is a failure; a clean end a success; a stream the caller
// closes early is not counted.
//
// New(cfg) installs a new breaker. To read its state, build the Breaker with
// NewBreaker once and install it with Option, so every call of the client
// (and any call option copy) shares it:
//
//	b := circuitbreaker.NewBreaker(circuitbreaker.Config{})
//	c, err := client.New(b.Option())
//	...
//	fmt.Println(b.State(), b.Counts())
//
// The breaker sits outside retry in the pipeline, so it counts one outcome
// per call, after the retries.
package circuitbreaker

package claudeotel

import (
	"errors"

	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/metric/noop"
)

// The conventions' explicit bucket boundaries (gen-ai-metrics.md): tokens in
// powers of four, durations doubling from 10 ms. The chunk-time histograms
// use the duration buckets, as the conventions specify.
var (
	tokenBuckets    = []float64{1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864}
	durationBuckets = []float64{0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92}
)

// Metric names. The first four are the conventions'; the rest are SPARC's
// instruments the conventions have none for, under the claude. prefix
// (documented in doc.go and the README).
const (
	metricTokenUsage         = "gen_ai.client.token.usage"
	metricOperationDuration  = "gen_ai.client.operation.duration"
	metricTimeToFirstChunk   = "gen_ai.client.operation.time_to_first_chunk"
	metricTimePerOutputChunk = "gen_ai.client.operation.time_per_output_chunk"
	metricAgentDuration      = "gen_ai.invoke_agent.duration"
	metricToolDuration       = "gen_ai.execute_tool.duration"
	metricRequests           = "claude.client.requests"
	metricErrors             = "claude.client.errors"
	metricRetries            = "claude.client.retries"
	metricActiveStreams      = "claude.client.active_streams"
	metricCircuitState       = "claude.client.circuit.state"
	metricRateLimitRemaining = "claude.client.rate_limit.remaining"
)

// instruments are the module's meters, made once per Config.
type instruments struct {
	tokenUsage         metric.Int64Histogram
	duration           metric.Float64Histogram
	timeToFirstChunk   metric.Float64Histogram
	timePerOutputChunk metric.Float64Histogram
	agentDuration      metric.Float64Histogram
	toolDuration       metric.Float64Histogram
	requests           metric.Int64Counter
	errors             metric.Int64Counter
	retries            metric.Int64Counter
	activeStreams      metric.Int64UpDownCounter
	circuitState       metric.Int64Gauge
	rateLimitRemaining metric.Int64Gauge
}

// newInstruments creates every instrument on m. An instrument m refuses is
// a no-op one and its error is returned (joined with the others'), so one bad
// instrument never stops the rest.
func newInstruments(m metric.Meter) (*instruments, error) {
	var (
		in   instruments
		errs []error
	)
	step := func(f func() error) {
		if err := f(); err != nil {
			errs = append(errs, err)
		}
	}
	step(func() (e error) {
		in.tokenUsage, e = m.Int64Histogram(metricTokenUsage, metric.WithUnit("{token}"),
			metric.WithDescription("Number of input and output tokens used."),
			metric.WithExplicitBucketBoundaries(tokenBuckets...))
		return e
	})
	step(func() (e error) {
		in.duration, e = m.Float64Histogram(metricOperationDuration, metric.WithUnit("s"),
			metric.WithDescription("GenAI operation duration."),
			metric.WithExplicitBucketBoundaries(durationBuckets...))
		return e
	})
	step(func() (e error) {
		in.timeToFirstChunk, e = m.Float64Histogram(metricTimeToFirstChunk, metric.WithUnit("s"),
			metric.WithDescription("Time from issuing a streamed request to its first chunk."),
			metric.WithExplicitBucketBoundaries(durationBuckets...))
		return e
	})
	step(func() (e error) {
		in.timePerOutputChunk, e = m.Float64Histogram(metricTimePerOutputChunk, metric.WithUnit("s"),
			metric.WithDescription("Time between consecutive chunks of a streamed reply, after the first."),
			metric.WithExplicitBucketBoundaries(durationBuckets...))
		return e
	})
	step(func() (e error) {
		in.agentDuration, e = m.Float64Histogram(metricAgentDuration, metric.WithUnit("s"),
			metric.WithDescription("Duration of an agent run (extensions/agent)."),
			metric.WithExplicitBucketBoundaries(durationBuckets...))
		return e
	})
	step(func() (e error) {
		in.toolDuration, e = m.Float64Histogram(metricToolDuration, metric.WithUnit("s"),
			metric.WithDescription("Duration of a tool call an agent ran."),
			metric.WithExplicitBucketBoundaries(durationBuckets...))
		return e
	})
	step(func() (e error) {
		in.requests, e = m.Int64Counter(metricRequests, metric.WithUnit("{request}"),
			metric.WithDescription("HTTP requests sent, one per attempt, by status."))
		return e
	})
	step(func() (e error) {
		in.errors, e = m.Int64Counter(metricErrors, metric.WithUnit("{error}"),
			metric.WithDescription("Calls that ended in an error, by error.type."))
		return e
	})
	step(func() (e error) {
		in.retries, e = m.Int64Counter(metricRetries, metric.WithUnit("{retry}"),
			metric.WithDescription("Retries, by the attempt they start."))
		return e
	})
	step(func() (e error) {
		in.activeStreams, e = m.Int64UpDownCounter(metricActiveStreams, metric.WithUnit("{stream}"),
			metric.WithDescription("Streams open now."))
		return e
	})
	step(func() (e error) {
		in.circuitState, e = m.Int64Gauge(metricCircuitState, metric.WithUnit("1"),
			metric.WithDescription("Circuit breaker state, by breaker (claude.circuit.name): 0 closed, 1 open, 2 half-open (client.CircuitState)."))
		return e
	})
	step(func() (e error) {
		in.rateLimitRemaining, e = m.Int64Gauge(metricRateLimitRemaining, metric.WithUnit("1"),
			metric.WithDescription("What the API says is left of a rate limit, by limit (requests, tokens, input_tokens, output_tokens)."))
		return e
	})
	in.fillNoop()
	return &in, errors.Join(errs...)
}

// fillNoop replaces each instrument a meter did not return with a no-op one.
func (in *instruments) fillNoop() {
	var n noop.Meter
	if in.tokenUsage == nil {
		in.tokenUsage, _ = n.Int64Histogram(metricTokenUsage)
	}
	if in.duration == nil {
		in.duration, _ = n.Float64Histogram(metricOperationDuration)
	}
	if in.timeToFirstChunk == nil {
		in.timeToFirstChunk, _ = n.Float64Histogram(metricTimeToFirstChunk)
	}
	if in.timePerOutputChunk == nil {
		in.timePerOutputChunk, _ = n.Float64Histogram(metricTimePerOutputChunk)
	}
	if in.agentDuration == nil {
		in.agentDuration, _ = n.Float64Histogram(metricAgentDuration)
	}
	if in.toolDuration == nil {
		in.toolDuration, _ = n.Float64Histogram(metricToolDuration)
	}
	if in.requests == nil {
		in.requests, _ = n.Int64Counter(metricRequests)
	}
	if in.errors == nil {
		in.errors, _ = n.Int64Counter(metricErrors)
	}
	if in.retries == nil {
		in.retries, _ = n.Int64Counter(metricRetries)
	}
	if in.activeStreams == nil {
		in.activeStreams, _ = n.Int64UpDownCounter(metricActiveStreams)
	}
	if in.circuitState == nil {
		in.circuitState, _ = n.Int64Gauge(metricCircuitState)
	}
	if in.rateLimitRemaining == nil {
		in.rateLimitRemaining, _ = n.Int64Gauge(metricRateLimitRemaining)
	}
}

// Package claudeotel traces and measures the claude client with
// OpenTelemetry, following the GenAI semantic conventions and their page for
// Anthropic. It is a module of its own (github.com/claudego/claude/extensions/otel),
// so a program that does not import it has no OpenTelemetry in its module
// graph.
//
// Turn it on for a client or one call:
//
//	c, err := client.New(claudeotel.New(claudeotel.Config{
//		TracerProvider: tp, // nil: otel.GetTracerProvider()
//		MeterProvider:  mp, // nil: otel.GetMeterProvider()
//	}))
//
// It is a client.Observer: it hears the events the client and every layer
// report (ARCHITECTURE.md, Layers) and reads the stream's one verdict. Its
// one middleware, outermost in the pipeline (slot "claudeotel.chunks"), times
// the reads of a streamed body for time_per_output_chunk (and keeps a
// non-streamed reply when content capture asks); nothing runs per stream
// event.
//
// # Spans
//
// One client span per call, named "{gen_ai.operation.name} {gen_ai.request.model}":
// "chat claude-sonnet-4-5" for Messages.Create and Messages.Stream; other
// operations keep the client's name ("messages.count_tokens", "models.list",
// "batches.create", "files.get"), as the conventions allow for operations
// they do not define. It carries gen_ai.operation.name,
// gen_ai.provider.name ("anthropic"), gen_ai.request.model,
// gen_ai.request.max_tokens, temperature, top_p, top_k, stop_sequences,
// gen_ai.request.stream, server.address, server.port; when the reply comes,
// gen_ai.response.id, gen_ai.response.model, gen_ai.response.finish_reasons
// (the API's stop_reason), gen_ai.usage.input_tokens (input plus cache reads
// and writes, as the Anthropic page says), gen_ai.usage.output_tokens,
// gen_ai.usage.cache_read.input_tokens,
// gen_ai.usage.cache_creation.input_tokens, and anthropic.request_id. A
// failed call has status Error and error.type: the API's error type
// ("overloaded_error"), else the HTTP status, else the client's kind
// ("truncated", "idle_timeout", "malformed", "timeout", "canceled",
// "circuit_open", "rate_limit_wait", "validation"), else "_OTHER".
//
// A streamed call's span lasts until the stream ends, however it ends, and
// records gen_ai.response.time_to_first_chunk and claude.stream.outcome (the
// verdict: completed, error_event, truncated, idle_timeout, malformed,
// canceled, abandoned). Each HTTP attempt is a child span
// ("messages.create attempt") with claude.attempt, http.request.resend_count,
// http.request.body.size, http.response.status_code,
// http.response.body.size and the request-id; a retried call shows each
// attempt. Retries, rate-limit waits, breaker transitions and failover
// switches are events on the call span.
//
// # Content
//
// Message content is not recorded unless Config.CaptureContent or the
// conventions' OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true asks:
// then the call span gets gen_ai.input.messages and
// gen_ai.system_instructions as the conventions' JSON, with every base64
// image or PDF replaced by its length, and, for a non-streamed Messages
// reply (up to 4 MiB), gen_ai.output.messages: the middleware keeps a copy
// of the reply as the client reads it. A streamed reply's content is not
// recorded: no event carries it, and a second accumulator would be a second
// copy of the stream's (ARCHITECTURE.md, rule 9).
//
// # Metrics
//
// The conventions' histograms, with their bucket boundaries:
//
//	gen_ai.client.token.usage                      {token}  by gen_ai.token.type (input, output)
//	gen_ai.client.operation.duration               s        error.type on failure
//	gen_ai.client.operation.time_to_first_chunk    s        streams only
//	gen_ai.client.operation.time_per_output_chunk  s        streams only: each read of the body that
//	                                                        brought bytes after the first content
//
// and the instruments the conventions have none for, under claude.client:
//
//	claude.client.requests            counter       one per HTTP attempt, by http.response.status_code (and error.type)
//	claude.client.errors              counter       failed calls, by error.type
//	claude.client.retries             counter       retries, by claude.attempt (the attempt they start)
//	claude.client.active_streams      up-down       streamed calls open now
//	claude.client.circuit.state       gauge         by claude.circuit.name: 0 closed, 1 open, 2 half-open
//	claude.client.rate_limit.remaining gauge        by claude.rate_limit.name: requests, tokens, input_tokens, output_tokens
//
// Every point carries gen_ai.operation.name, gen_ai.provider.name,
// gen_ai.request.model, server.address and server.port (the gauges carry
// their own names only); the token and duration points also carry
// gen_ai.response.model.
package claudeotel

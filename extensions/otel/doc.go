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
// the reads of a streamed body for time_per_output_chunk; nothing runs per
// stream event.
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
// failed call has status Error and error.type, the class client.ErrorType
// names (the logger's error_type is the same value): the API's error type
// ("overloaded_error"), else the client's kind ("truncated", "idle_timeout",
// "malformed", "circuit_open", "rate_limit_wait", "validation", ...), else a
// transport failure's ("timeout", "context_canceled", "connection_refused",
// "connection_reset", "connection_closed", "dns_error", "tls_error"), else
// the HTTP status, else "_OTHER". A failed attempt's error.type follows the
// same rule: the client reads the API's error type from the attempt's error
// reply, so a 529 is "overloaded_error" on its attempt span and its
// claude.client.requests point, not "529".
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
// # Agent spans
//
// A run of the agent framework (extensions/agent) is an INTERNAL span
// "invoke_agent {agent.Config.Name}" ("invoke_agent" when unnamed) with
// gen_ai.operation.name "invoke_agent", gen_ai.provider.name,
// gen_ai.agent.name and gen_ai.request.model; at its end the run's total
// gen_ai.usage.*, the last reply's gen_ai.response.finish_reasons,
// claude.agent.turns, and error.type ("max_turns", "budget_exhausted",
// "approval_pending", "stopped", or the failed call's class) with status
// Error when the run failed. Each tool call the agent runs is an INTERNAL
// child span "execute_tool {tool}" with gen_ai.operation.name
// "execute_tool", gen_ai.tool.name, gen_ai.tool.call.id, gen_ai.tool.type
// ("function": the application runs it), claude.agent.turn and
// claude.tool.outcome; a call that did not end ok has error.type (its
// outcome: "error", "denied", "invalid_input", "unknown_tool", "timeout",
// "interrupted", "not_run", "conflict", "held", "panic") and status Error.
// With content capture on, a tool span also records the opt-in
// gen_ai.tool.call.arguments (the call's input) and gen_ai.tool.call.result
// (a text result as its text, content blocks as JSON with base64 elided).
// The run's "chat" spans are children of its span, and what a tool sends
// with its context is a child of the tool's. The agent imports no telemetry:
// it reports through the client (client.ObserveScope, client.ReportStart).
//
// # Content
//
// Message content is not recorded unless Config.CaptureContent or the
// conventions' OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true asks:
// then the call span gets gen_ai.input.messages and
// gen_ai.system_instructions as the conventions' JSON, with every base64
// image or PDF replaced by its length, and, for a non-streamed Messages
// reply, gen_ai.output.messages, streamed or not: the module is a
// client.ContentObserver, so the client hands it the decoded reply at a
// call's end, and for a stream that completed the Message the stream
// accumulated anyway (Stream.Message's), never a buffered body. A stream
// that did not complete records no output. With capture off no call builds
// a Message for it.
//
// # Metrics
//
// The conventions' histograms, with their bucket boundaries (the agent and
// tool durations are the conventions' newer, in-development instruments):
//
//	gen_ai.client.token.usage                      {token}  by gen_ai.token.type (input, output)
//	gen_ai.client.operation.duration               s        error.type on failure
//	gen_ai.client.operation.time_to_first_chunk    s        streams only
//	gen_ai.client.operation.time_per_output_chunk  s        streams only: each read of the body that
//	                                                        brought bytes after the first content
//	gen_ai.invoke_agent.duration                   s        an agent run, by gen_ai.agent.name (error.type on failure)
//	gen_ai.execute_tool.duration                   s        a tool call, by gen_ai.tool.name (error.type: its outcome)
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

// Package emulator is a local Anthropic-compatible API server for tests and
// demos. It binds only to loopback and speaks the exact wire format:
//
//   - requests are validated against the OpenAPI description
//     (openapi/anthropic.yaml, embedded) and invalid ones get the API's 400
//     invalid_request_error naming the field; a missing credential gets 401
//     authentication_error, a missing anthropic-version a 400;
//   - POST /v1/messages answers with a deterministic model (EchoResponder,
//     or your Responder), streamed with the API's event sequence and padding
//     when "stream" is true, with stop_sequences and max_tokens honoured.
//     EchoResponder calls a tool only when asked: tool_choice "any" or
//     "tool", or a prompt that names an offered tool or says "use a tool";
//     offering tools alone gets the echo. After tool results it reports
//     them;
//   - POST /v1/messages/count_tokens approximates (four characters a token,
//     see ApproxTokens);
//   - GET /v1/models and /v1/models/{id} page a fixed catalog;
//   - /v1/messages/batches (create, list, get, cancel, delete, results)
//     runs each request through the same model and reports in_progress
//     until Config.BatchProcessing has passed;
//   - /v1/files (upload multipart, list with paging, get, download, delete;
//     with or without the files-api-2025-04-14 beta) keeps files in memory.
//     Uploads are not downloadable, as with the API; Handler.AddFile stores
//     a file as the API would create one, which is;
//   - the x-emulator-case header replays any recorded case from
//     testdata/recorded by name;
//   - the x-emulator-fault header (or Config.Faults) injects failures: error
//     statuses with retry-after, delays, connection resets, truncation,
//     mid-stream error events, malformed JSON, stalls (see ParseFault);
//   - every response carries a request-id (req_emu_...) and the
//     anthropic-ratelimit-* headers.
//
// Nothing is unbounded (see the Default* constants and Config): request
// bodies (32 MB), JSON values a body may hold before spec validation,
// requests read and validated at once, kept batches, and the bytes kept in
// memory across requests (batch results and files).
//
// Start one in a test:
//
//	srv, err := emulator.Start(ctx, emulator.Config{})
//	...
//	defer srv.Close()
//	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
//
// or mount New(cfg)'s handler on httptest.NewServer. cmd/emulator runs it
// as a program.
package emulator

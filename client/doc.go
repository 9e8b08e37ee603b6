// Package client is the typed Claude API client: one package to import for
// requests, responses, errors and options.
//
//	c, err := client.New() // key from ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or secret/-secrets.sh
//	msg, err := c.Messages.Create(ctx, client.MessageRequest{
//		Model:     "claude-haiku-4-5",
//		MaxTokens: 256,
//		Messages:  []client.MessageParam{client.UserText("Hello")},
//	})
//
// Requests are validated before they are sent (field-named *ValidationError),
// every API failure is an *APIError that matches the sentinels (ErrOverloaded,
// ErrRateLimited...) with errors.Is, and nothing beyond the documented defaults
// happens automatically: retry, circuit breaking, rate limiting and failover
// are opt-in layers from the extensions packages.
//
// # Services
//
// Each API area is a field of Client: Messages, Models, Batches, Files,
// Skills (with Skills.Versions), UserProfiles, and Organization, the Admin
// API (Users, Invites, Workspaces with Members, RateLimits and
// ServiceAccounts, APIKeys, ExternalKeys, Federation.Issuers and
// Federation.Rules, ServiceAccounts, RateLimits, ComplianceSettings, and the
// Usage and Cost reports). Methods are verbs with ctx first and options
// last; every list has ListPage (one page) and List (an iter.Seq2 over every
// page, following after_id or next_page as the endpoint pages).
//
// # Credentials
//
// The API key (WithAPIKey, ANTHROPIC_API_KEY) or auth token authenticates
// every call except the Admin API. The admin key (WithAdminKey,
// ANTHROPIC_ADMIN_KEY, or the secret file; sk-ant-admin...) authenticates
// c.Organization and everything under it, and is never sent anywhere else,
// but for the Workload Identity Federation endpoints (ServiceAccounts,
// Federation, Workspaces.ServiceAccounts): the API refuses every key there
// and takes only an OAuth access token with the org:admin scope, which they
// send as the bearer (WithAuthToken, or ANTHROPIC_AUTH_TOKEN, read even when
// an API key came first). A client holds an API key or a token for its other
// calls (the options replace each other; with both environment variables set
// it sends the key there and the token here) and may hold the admin key
// besides. A call whose credential the client lacks fails before any I/O:
// ErrNoAdminKey,
// ErrNoOrgOAuthToken, or ErrNoAPIKey for any other. Every credential is a
// Secret: no String, %+v, JSON or log line shows it.
//
//	c, err := client.New(client.WithAdminKey(os.Getenv("ANTHROPIC_ADMIN_KEY")))
//	for ws, err := range c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{}) { ... }
//
// # Streaming
//
// Messages.Stream returns a *streaming.Stream: iterate it (Next and Event,
// or the All and Text iterators), then read the final Message, equal to the
// one Create would have returned. How the stream ended is one verdict: a
// mid-stream error event is an *APIError with MidStream set, a cut body
// ErrTruncated, a silent server ErrIdleTimeout (WithStreamIdleTimeout).
//
// # Pipeline
//
// Every request goes through one chain of http.RoundTripper middleware, in
// the order PipelineOrder returns: headers and credentials, user middleware
// (WithMiddleware), quota, rate limit, circuit breaker, retry, failover,
// diagnostics, compression, secrets, transport. Each extension installs
// itself in its named slot (WithLayer); WithMiddlewareAt places your own
// middleware relative to a stage, After("retry") running once per attempt.
// Options apply to the client (New) or to one call, on a copy of the
// client's settings.
//
// # Observability
//
// An Observer (WithObserver, per client or per call) hears what every call
// does: CallStart once, then Events in order: attempt_start and attempt_end
// per HTTP attempt (the attempt's context is a child of the call's), what
// the layers report through Report (retry, rate_limit_wait, circuit_change,
// failover, quota_refused), stream_first_content and stream_end for a
// stream, and call_end. WithLogger is the stdlib observer: it logs those
// events with log/slog, credentials always redacted. The OpenTelemetry
// module (extensions/otel) is another. Every failure an event reports is
// named by ErrorType (Event.ErrorType). Work above single calls, such as an
// agent run and its tool calls (extensions/agent), opens a scope with
// Client.ObserveScope and reports agent_start and tool_start with
// ReportStart, whose ScopeObserver may put a span in the context the work
// runs with. A ContentObserver that asks gets the reply (Event.Message) at a
// call's end, a stream's being the Message it accumulated.
package client

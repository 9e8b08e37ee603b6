// Package extensions holds the opt-in features of claude-go, one package
// each; it has no code of its own. Nothing here is on unless you pass its
// option. The pipeline order and the rules every layer keeps are in the
// repository's ARCHITECTURE.md.
//
// Every extension has the same shape, so one example teaches them all:
//
//   - Its configuration type is named Config, and the zero Config is the
//     documented default (each field says its default).
//   - A pipeline layer (retry, circuitbreaker, ratelimit, failover, preset,
//     quota, diagnostics, compress, secrets) is turned on with
//     New(Config) client.Option, for a client (client.New) or for one call.
//     A Config that New rejects makes client.New, or the call, fail before
//     any I/O.
//   - A layer that keeps state you may want to read or share between
//     clients has a second constructor named for its object:
//     circuitbreaker.NewBreaker, ratelimit.NewLimiter, failover.NewRouter,
//     preset.NewPreset, quota.NewQuota, diagnostics.NewDiagnostics,
//     compress.NewCompressor, secrets.NewAuditor. Each returns the object,
//     whose Option method installs it; New(c) is NewX(c).Option().
//   - What is not a layer takes a Config and returns its object:
//     batch.New(client, Config) (*Runner, error), agent.New(client, Config)
//     (*Agent, error) and health.Handler(Config).
//   - Each package's error type is named for what it reports (retry.Error,
//     circuitbreaker.OpenError) and matches a client sentinel through
//     errors.Is.
//
// The names used before this shape (Settings, Policy, HandlerConfig,
// RetryError) remain as deprecated aliases.
package extensions

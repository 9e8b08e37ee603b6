// Package liveconfig runs a client from a configuration file (JSON or YAML:
// base URL, timeout, betas, retry policy, circuit breaker, rate limits,
// quotas) and reloads it when the file changes, watched with
// github.com/fsnotify/fsnotify. Each change is parsed strictly and validated,
// and a client is built from it, before it applies; then it is swapped in
// atomically. A bad file keeps the running configuration and is reported
// (OnError and the logger). Calls in flight finish on the client, and so the
// configuration, they started with: Watcher.Client returns one snapshot.
//
// Stateful parts survive a reload that does not change them: the same
// circuit breaker, rate limiter and quota objects are kept; quota counts
// live in a store shared across reloads.
//
// It is a module of its own so the core module does not depend on fsnotify
// or a YAML parser.
package liveconfig

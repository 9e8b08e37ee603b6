// Package canned answers a request from memory, for benchmarks and tests
// that count the client's own work and not a socket's: one place that
// drains the request as a transport does and builds the 200 reply, which
// every in-memory transport of the repository's benchmarks wraps.
package canned

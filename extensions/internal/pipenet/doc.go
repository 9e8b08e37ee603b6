// Package pipenet is an in-memory network for tests that run under
// testing/synctest: real HTTP/1.1 between an http.Server and an http.Client
// over net.Pipe connections, so every goroutine of a request blocks on
// channels inside the bubble and the bubble's clock, not the wall clock,
// times the server's delays, attempt timeouts and latency thresholds
// (ARCHITECTURE.md, Tests). Loopback TCP cannot serve there: a goroutine
// blocked on a socket is not durably blocked, so the fake clock would stall.
package pipenet

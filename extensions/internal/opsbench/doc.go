// Package opsbench measures what an operations layer adds to one
// Messages.Create on loopback: each extension's benchmark runs the same call
// with the layer off and on, so the difference is the layer's overhead
// (ARCHITECTURE.md: speed lives in benchmarks, never in timed tests).
package opsbench

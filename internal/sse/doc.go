// Package sse is the one server-sent-events reader of this module: the
// Framer that splits a text/event-stream body into events. The Stream of
// package streaming reads through it, and so does every other part that
// looks at a stream's bytes (the body observer the reliability layers share,
// the contract tool), so that all of them frame a stream by the same rules.
// It is internal because nothing outside needs the framing alone; see
// ARCHITECTURE.md (rule 9, "One home per job").
//
// The framing follows the server-sent events rules (LF, CRLF and bare CR line
// ends, one optional space after the colon, data lines joined with "\n",
// comments, ignored id and retry fields, a leading byte order mark) in a
// single pass over a reused buffer. It replaces the framing of
// github.com/r3labs/sse/v2, whose EventStreamReader rescans the buffered
// bytes for five terminator patterns per event and cannot report the size of
// an oversized event; the benchmarks in framer_bench_test.go compare the two.
package sse

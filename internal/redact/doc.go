// Package redact holds what the logger (client.WithLogger) and the
// OpenTelemetry module's content capture share to keep binary payloads out
// of what they record: one rule, so a log line and a span elide alike
// (ARCHITECTURE.md, "One home per job").
package redact

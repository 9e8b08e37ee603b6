// Package redact holds what the logger (client.WithLogger), the diagnostics
// layer's log lines and the OpenTelemetry module's content capture share to
// keep credentials and binary payloads out of what they record: one rule for
// credential headers (Header, IsCredentialHeader) and one for base64 data
// (Base64, JSON), so a log line, a cURL line and a span redact alike
// (ARCHITECTURE.md, "One home per job").
package redact

// Package diagnostics shows what each attempt of a call did on the wire: as
// a cURL command a person can paste (the credential always as the shell
// variable $ANTHROPIC_API_KEY or $ANTHROPIC_AUTH_TOKEN, never its value), and
// as timings from net/http/httptrace (DNS, connect, TLS, time to first byte,
// total, whether the connection was reused). It takes the diagnostics slot of
// the pipeline, inside retry and failover, so every attempt is seen as sent.
package diagnostics

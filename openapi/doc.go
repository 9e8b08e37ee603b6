// Package openapi carries the hand-maintained OpenAPI description of the
// Claude API, openapi/anthropic.yaml, compiled in, so that tools (the
// emulator, the contract checker) validate against exactly the spec of the
// module version they were built from, wherever they run, with no copy to
// keep fresh.
package openapi

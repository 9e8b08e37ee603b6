// Package openapi carries the hand-maintained OpenAPI description of the
// Claude API, openapi/anthropic.yaml, compiled in, so that tools (the
// emulator, the contract checker) validate against exactly the spec of the
// module version they were built from, wherever they run, with no copy to
// keep fresh.
package openapi

import (
	"bytes"
	_ "embed"
)

//go:embed anthropic.yaml
var spec []byte

// Spec returns the OpenAPI 3.0.3 description (YAML). The slice is a copy the
// caller may keep or change.
func Spec() []byte { return bytes.Clone(spec) }

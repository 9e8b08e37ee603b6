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

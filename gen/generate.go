// Package gen holds the models and low-level client generated from
// openapi/anthropic.yaml by oapi-codegen v2. Never edit it by hand: change the
// spec or openapi/oapi-codegen.yaml and run `make generate`.
package gen

//go:generate sh ../scripts/generate.sh ../openapi/anthropic.yaml ../openapi/oapi-codegen.yaml anthropic.gen.go

package gen

//go:generate sh ../scripts/generate.sh ../openapi/anthropic.yaml ../openapi/oapi-codegen.yaml anthropic.gen.go

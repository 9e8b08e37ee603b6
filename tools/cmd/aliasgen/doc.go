// Command aliasgen writes client/aliases.gen.go: a type alias for every model
// type in gen/ and a constant for every generated enum value, so users import
// package client alone (ARCHITECTURE.md: the handwritten layer smooths generated code
// once). Run by `make generate`; `make check-generated` checks it is fresh.
//
//	aliasgen -gen ../gen/anthropic.gen.go -out ../client/aliases.gen.go
package main

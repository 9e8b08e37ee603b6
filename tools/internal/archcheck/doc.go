// Package archcheck holds the tests that keep the core module, and the
// extension modules beside it, to the rules of ARCHITECTURE.md that code can
// check: the shape of the public API (extension constructors and configs, no
// function variables, no init-time registries, no time hooks for tests, one
// package doc) and which package may import which. It has no code of its own; `make test` runs it
// with the tools module, which can afford golang.org/x/tools/go/packages.
package archcheck

package archcheck

import (
	"go/types"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

// root is the repository root (the core module), from tools/internal/archcheck.
var root = filepath.Join("..", "..", "..")

const module = "github.com/claudego/claude"

// corePackages loads every package of the core module with its imports and
// types.
func corePackages(t *testing.T) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedTypes,
		Dir:  root,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("loaded %d packages of the core module; the loader is broken", len(pkgs))
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
	}
	return pkgs
}

// TestNoExportedFunctionVariables: an exported package-level variable never
// holds a function (`var BlockOf = types.BlockOf`). A variable can be
// reassigned by any importer, shows in go doc as a var without a signature,
// and cannot carry its own doc; a function that calls the other says what it
// does and cannot be swapped out (ARCHITECTURE.md, "Rules every change
// keeps"). gen/ is generated and not held to this.
func TestNoExportedFunctionVariables(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, p := range corePackages(t) {
		if p.Types == nil || p.PkgPath == module+"/gen" {
			continue
		}
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			v, ok := scope.Lookup(name).(*types.Var)
			if !ok || !v.Exported() {
				continue
			}
			checked++
			if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
				t.Errorf("%s.%s is a variable holding a function: make it a func with a doc comment", p.PkgPath, name)
			}
		}
	}
	if checked < 10 {
		t.Fatalf("checked %d exported variables; the check is broken", checked)
	}
}

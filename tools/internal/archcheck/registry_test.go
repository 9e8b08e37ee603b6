package archcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestNoInitTimeRegistration: no package of the core module has an init
// function or a package-level variable holding functions in a slice, map or
// array (a registry). Client services were once attached by init functions
// appending to such a registry, so which services a Client had depended on
// which files were linked and in what order; now one function lists them all
// (client/services.go, as go-github's NewClient does). A registry is global
// mutable state any importer's init can change before main runs; a table that
// never changes is a switch or a function instead (ARCHITECTURE.md, "Rules
// every change keeps", rule 9). gen/ is generated and not held to this.
func TestNoInitTimeRegistration(t *testing.T) {
	t.Parallel()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles,
		Dir:  root,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("loaded %d packages; the loader is broken", len(pkgs))
	}
	fset := token.NewFileSet()
	files, vars := 0, 0
	for _, p := range pkgs {
		if p.PkgPath == module+"/gen" {
			continue
		}
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files++
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.Name == "init" {
						t.Errorf("%s: func init: attach or register explicitly where the thing is built", fset.Position(d.Pos()))
					}
				case *ast.GenDecl:
					if d.Tok != token.VAR {
						continue
					}
					for _, spec := range d.Specs {
						vs := spec.(*ast.ValueSpec)
						vars++
						if registry(vs) {
							t.Errorf("%s: var %s is a package-level registry of functions: list them in the one function that uses them", fset.Position(vs.Pos()), vs.Names[0].Name)
						}
					}
				}
			}
		}
	}
	if files < 100 || vars < 20 {
		t.Fatalf("read %d files and %d package variables; the check is broken", files, vars)
	}
}

// registry reports whether a var declares a slice, array or map of
// functions, by its written type or by the type of its composite literal.
// It reads syntax, not types: the loader's type data holds exported names
// only, and registries are unexported.
func registry(vs *ast.ValueSpec) bool {
	if vs.Type != nil && holdsFuncs(vs.Type) {
		return true
	}
	for _, v := range vs.Values {
		if cl, ok := v.(*ast.CompositeLit); ok && cl.Type != nil && holdsFuncs(cl.Type) {
			return true
		}
	}
	return false
}

// holdsFuncs reports whether the type expression e is a slice, array or map
// whose elements are functions (or containers of functions).
func holdsFuncs(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ArrayType:
		return isFunc(e.Elt)
	case *ast.MapType:
		return isFunc(e.Value)
	}
	return false
}

func isFunc(e ast.Expr) bool {
	if _, ok := e.(*ast.FuncType); ok {
		return true
	}
	return holdsFuncs(e)
}

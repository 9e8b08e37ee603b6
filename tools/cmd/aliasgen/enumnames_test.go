package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// genFile is the generated models file; GEN_FILE points the test at another
// copy (used to check the test against an older generation).
func genFile() string {
	if p := os.Getenv("GEN_FILE"); p != "" {
		return p
	}
	return "../../../gen/anthropic.gen.go"
}

// TestEnumNamesDoNotRestateTheirType keeps generated enum constants short: with
// always-prefix-enum-values every constant is its type's name plus a suffix, so
// a suffix that repeats the type name (ToolSearchToolBm2520251119Type +
// ToolSearchToolBm2520251119) only doubles the length. Such values get
// `x-enum-varnames: [Value]` in openapi/anthropic.yaml (or a short name of
// their own when an enum has several).
func TestEnumNamesDoNotRestateTheirType(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), genFile(), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			typ, ok := vs.Type.(*ast.Ident)
			if !ok {
				continue
			}
			for _, name := range vs.Names {
				n++
				suffix, ok := strings.CutPrefix(name.Name, typ.Name)
				if !ok {
					t.Errorf("%s: not prefixed with its type %s (always-prefix-enum-values is off?)", name.Name, typ.Name)
					continue
				}
				if len(suffix) > 4 && strings.Contains(strings.ToLower(typ.Name), strings.ToLower(suffix)) {
					t.Errorf("%s restates its type %s: add `x-enum-varnames: [Value]` to that enum in openapi/anthropic.yaml", name.Name, typ.Name)
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("found only %d enum constants in %s", n, genFile())
	}
}

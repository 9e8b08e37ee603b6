package spec_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/claudego/claude/openapi"
	"github.com/claudego/claude/tools/internal/spec"
)

// TestClientEnumChecksMatchTheSpec: every list of values the client checks
// before sending (checkEnum with a literal list or a package-level one) is
// exactly the value set of some enum of the spec, so a value the spec adds
// is not refused before it reaches the API. The workspace rate-limit types
// drifted this way: the spec and the SDK listed nine, the check six.
func TestClientEnumChecksMatchTheSpec(t *testing.T) {
	t.Parallel()
	sp, err := spec.LoadData(openapi.Spec())
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string]bool{}
	add := func(vals []any) {
		var ss []string
		for _, v := range vals {
			if s, ok := v.(string); ok {
				ss = append(ss, s)
			}
		}
		slices.Sort(ss)
		sets[strings.Join(ss, ",")] = true
	}
	seen := map[*openapi3.Schema]bool{}
	var walk func(r *openapi3.SchemaRef)
	walk = func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil || seen[r.Value] {
			return
		}
		s := r.Value
		seen[s] = true
		if len(s.Enum) > 0 {
			add(s.Enum)
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
			for _, x := range group {
				walk(x)
			}
		}
		walk(s.AdditionalProperties.Schema)
	}
	for _, r := range sp.Doc.Components.Schemas {
		walk(r)
	}
	for _, item := range sp.Doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value != nil {
					walk(p.Value.Schema)
				}
			}
		}
	}

	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "client", "*.go"))
	vars := map[string]*ast.CompositeLit{}
	var calls []*ast.CallExpr
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.CompositeLit); ok {
							vars[name.Name] = lit
						}
					}
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "checkEnum" && len(n.Args) == 3 {
					calls = append(calls, n)
				}
			}
			return true
		})
	}
	values := func(lit *ast.CompositeLit) []string {
		var out []string
		for _, e := range lit.Elts {
			if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
				s, _ := strconv.Unquote(b.Value)
				out = append(out, s)
			}
		}
		return out
	}
	checked := 0
	for _, call := range calls {
		var vals []string
		switch a := call.Args[2].(type) {
		case *ast.CompositeLit:
			vals = values(a)
		case *ast.Ident:
			if lit := vars[a.Name]; lit != nil {
				vals = values(lit)
			}
		}
		if vals == nil {
			continue // a list passed in by the caller, checked where it is built
		}
		checked++
		sorted := slices.Sorted(slices.Values(vals))
		if !sets[strings.Join(sorted, ",")] {
			t.Errorf("%s: checkEnum allows %v, which is no enum of the spec", fset.Position(call.Pos()), vals)
		}
	}
	if checked < 10 {
		t.Errorf("checked %d checkEnum lists; the parser is broken", checked)
	}
}

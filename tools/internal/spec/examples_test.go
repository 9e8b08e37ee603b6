package spec_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestEveryOperationMethodHasAnExample: each client method that names an
// operation (its `// API:` line) has an Example<Service>_<Method> with an
// `// Output:` comment, so `go test` runs it against a loopback server and
// go doc shows it beside the method (ARCHITECTURE.md, "How to add").
func TestEveryOperationMethodHasAnExample(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "client", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	examples := map[string]bool{} // name -> has an Output comment
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		test := strings.HasSuffix(f, "_test.go")
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if test && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Example") {
				examples[fd.Name.Name] = hasOutput(file, fd)
			}
			if test || fd.Recv == nil || fd.Doc == nil || !strings.Contains(fd.Doc.Text(), "API: ") {
				continue
			}
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok {
				want["Example"+id.Name+"_"+fd.Name.Name] = true
			}
		}
	}
	var missing, silent []string
	for name := range want {
		out, ok := examples[name]
		switch {
		case !ok:
			missing = append(missing, name)
		case !out:
			silent = append(silent, name)
		}
	}
	sort.Strings(missing)
	sort.Strings(silent)
	if len(missing)+len(silent) > 0 {
		t.Errorf("methods without an Example: %v\nExamples without // Output: %v", missing, silent)
	}
	if len(want) < 90 {
		t.Errorf("found %d methods with an API line, want at least one per operation (90)", len(want))
	}
}

// hasOutput reports whether an "Output:" comment lies inside fd's body.
func hasOutput(file *ast.File, fd *ast.FuncDecl) bool {
	for _, cg := range file.Comments {
		if cg.Pos() > fd.Body.Lbrace && cg.End() < fd.Body.Rbrace && strings.Contains(cg.Text(), "Output:") {
			return true
		}
	}
	return false
}

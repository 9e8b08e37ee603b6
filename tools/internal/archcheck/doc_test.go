package archcheck

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestPackageDocLivesInDocGo: every package of the core module has its doc
// comment in doc.go and nowhere else, so go doc shows one text that says
// what the package is for. A second package comment (a generator's header,
// say) would be shown beside it.
func TestPackageDocLivesInDocGo(t *testing.T) {
	t.Parallel()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles, Dir: root}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("loaded %d packages; the loader is broken", len(pkgs))
	}
	fset := token.NewFileSet()
	for _, p := range pkgs {
		var withDoc []string
		for _, f := range p.GoFiles {
			af, err := parser.ParseFile(fset, f, nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if af.Doc != nil {
				withDoc = append(withDoc, filepath.Base(f))
			}
		}
		if len(withDoc) != 1 || withDoc[0] != "doc.go" {
			t.Errorf("%s: package doc comments in %v, want exactly one, in doc.go", p.PkgPath, withDoc)
		}
	}
}

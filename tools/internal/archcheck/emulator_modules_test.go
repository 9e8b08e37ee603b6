package archcheck

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestEmulatorNeedsOnlyCoreAndTools loads the emulator with its tests and
// their dependencies and fails on a package from any of this repository's
// modules other than the core and tools. A user's module that imports the
// emulator replaces exactly those two (README, "The emulator"), and `go mod
// tidy` loads the emulator's tests too: a test that imported, say,
// extensions/otel made tidy fetch that module's unpublished version and fail.
func TestEmulatorNeedsOnlyCoreAndTools(t *testing.T) {
	t.Parallel()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir: filepath.Join(root, "tools"), Tests: true}
	pkgs, err := packages.Load(cfg, "./emulator")
	if err != nil {
		t.Fatal(err)
	}
	replaced := map[string]bool{module: true, module + "/tools": true}
	bad := map[string]bool{}
	seen := map[string]bool{}
	var walk func(p *packages.Package)
	walk = func(p *packages.Package) {
		if seen[p.ID] {
			return
		}
		seen[p.ID] = true
		if m := p.Module; m != nil && strings.HasPrefix(m.Path, module) && !replaced[m.Path] {
			bad[p.PkgPath+" (module "+m.Path+")"] = true
		}
		for _, imp := range p.Imports {
			walk(imp)
		}
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		walk(p)
	}
	if !seen[module+"/client"] {
		t.Fatalf("loaded %d packages without the client; the check is broken", len(seen))
	}
	list := make([]string, 0, len(bad))
	for b := range bad {
		list = append(list, b)
	}
	sort.Strings(list)
	for _, b := range list {
		t.Errorf("the emulator or its tests need %s: a user's go mod tidy would fail", b)
	}
}

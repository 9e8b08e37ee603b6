package archcheck

import (
	"sort"
	"strings"
	"testing"
)

// extensionOf returns the extension a package belongs to ("retry" for
// extensions/retry and extensions/retry/x), or "" for a package that is not
// an extension (extensions/internal/... is shared plumbing, not one).
func extensionOf(path string) string {
	rest, ok := strings.CutPrefix(path, module+"/extensions/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	if name == "internal" {
		return ""
	}
	return name
}

// composers are the extensions whose job is to combine others: preset is
// the one documented set of recommended layers (ARCHITECTURE.md, rule 3).
var composers = map[string]bool{"preset": true}

// TestExtensionsDoNotImportEachOther: an extension imports client (and the
// layers below it) and extensions/internal, never another extension; the
// vocabulary two extensions share lives in client (ARCHITECTURE.md, Layers).
func TestExtensionsDoNotImportEachOther(t *testing.T) {
	t.Parallel()
	var bad []string
	exts := map[string]bool{}
	for _, p := range corePackages(t) {
		from := extensionOf(p.PkgPath)
		if from == "" {
			continue
		}
		exts[from] = true
		if composers[from] {
			continue
		}
		for imp := range p.Imports {
			if to := extensionOf(imp); to != "" && to != from {
				bad = append(bad, p.PkgPath+" imports "+imp)
			}
		}
	}
	if len(exts) < 5 {
		t.Fatalf("found %d extensions; the check is broken", len(exts))
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

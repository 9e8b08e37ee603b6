package archcheck

import (
	"sort"
	"testing"
)

// vocabularyPackages sit below streaming only to break an import cycle; the
// public names of what they hold are client's aliases and functions
// (client.APIError, client.ParseRetryAfter, client.Message ...). Extensions
// use those, as users do, so the layering reads the same from both sides
// (ARCHITECTURE.md, Layers).
var vocabularyPackages = []string{module + "/internal/apierror", module + "/internal/types"}

// TestExtensionsUseClientVocabulary: no extension package
// imports internal/apierror or internal/types.
func TestExtensionsUseClientVocabulary(t *testing.T) {
	t.Parallel()
	var bad []string
	seen := 0
	for _, p := range corePackages(t) {
		if extensionOf(p.PkgPath) == "" {
			continue
		}
		seen++
		for _, v := range vocabularyPackages {
			if _, ok := p.Imports[v]; ok {
				bad = append(bad, p.PkgPath+" imports "+v)
			}
		}
	}
	if seen < 5 {
		t.Fatalf("found %d extension packages; the check is broken", seen)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

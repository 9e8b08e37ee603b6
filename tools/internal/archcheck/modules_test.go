package archcheck

import (
	"path/filepath"
	"sort"
	"testing"

	"golang.org/x/tools/go/packages"
)

// moduleEdges lists, for each extension that is a module of its own, the
// other extensions it may import, each with its reason (ARCHITECTURE.md,
// Layers). Anything else is an import between extensions the core module's
// TestExtensionsDoNotImportEachOther would refuse, in a module that test does
// not load.
var moduleEdges = map[string]map[string]string{
	// liveconfig builds the layers a configuration file names, so, like
	// preset, its job is to compose them.
	"liveconfig": {
		"retry": "composes", "circuitbreaker": "composes", "ratelimit": "composes",
		"quota": "composes", "limitstore": "the quota's store across reloads",
	},
	// MCP tools become agent tools.
	"mcp": {"agent": "its output is agent.Tool"},
	// redisstore is a limitstore.Store.
	"redisstore": {"limitstore": "implements its Store"},
}

// TestExtensionModulesImportOnlyWhatTheyCompose loads each extension module
// (its own go.mod) and fails on an import of another extension that
// moduleEdges does not list.
func TestExtensionModulesImportOnlyWhatTheyCompose(t *testing.T) {
	t.Parallel()
	for mod, allowed := range moduleEdges {
		cfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports, Dir: filepath.Join(root, "extensions", mod)}
		pkgs, err := packages.Load(cfg, "./...")
		if err != nil {
			t.Fatalf("%s: %v", mod, err)
		}
		if len(pkgs) == 0 {
			t.Fatalf("%s: no packages loaded; the check is broken", mod)
		}
		var bad []string
		for _, p := range pkgs {
			for _, e := range p.Errors {
				t.Errorf("%s: %v", p.PkgPath, e)
			}
			if extensionOf(p.PkgPath) != mod {
				t.Fatalf("%s loaded from extensions/%s; the check is broken", p.PkgPath, mod)
			}
			for imp := range p.Imports {
				if to := extensionOf(imp); to != "" && to != mod && allowed[to] == "" {
					bad = append(bad, p.PkgPath+" imports "+imp)
				}
			}
		}
		sort.Strings(bad)
		for _, b := range bad {
			t.Error(b)
		}
	}
}

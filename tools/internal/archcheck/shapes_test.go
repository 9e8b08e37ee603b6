package archcheck

import (
	"go/types"
	"strings"
	"testing"
)

// formerConfigNames are the config type names used before every extension
// took the one shape; they may remain only as deprecated aliases of Config.
var formerConfigNames = map[string]bool{"Settings": true, "Policy": true, "Options": true, "HandlerConfig": true}

// TestExtensionShapes: every pipeline layer under extensions/ has the one
// shape extensions/doc.go describes. New takes the package's Config and
// returns a client.Option; a NewX constructor of the same package returns
// *X whose Option method installs it; no type under a former name
// (Settings, Policy, Options, HandlerConfig) is anything but an alias.
func TestExtensionShapes(t *testing.T) {
	t.Parallel()
	layers := 0
	for _, p := range corePackages(t) {
		name := extensionOf(p.PkgPath)
		if name == "" || p.PkgPath != module+"/extensions/"+name || p.Types == nil {
			continue
		}
		scope := p.Types.Scope()
		for _, n := range scope.Names() {
			if tn, ok := scope.Lookup(n).(*types.TypeName); ok && formerConfigNames[n] && !tn.IsAlias() {
				t.Errorf("%s.%s: name the configuration Config (keep %s as a deprecated alias)", p.PkgPath, n, n)
			}
		}
		fn, ok := scope.Lookup("New").(*types.Func)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Results().Len() != 1 || !isClientOption(sig.Results().At(0).Type()) {
			continue // not a layer: agent, batch (ARCHITECTURE.md, How to add)
		}
		layers++
		if sig.Params().Len() != 1 || !isNamed(sig.Params().At(0).Type(), p.PkgPath, "Config") {
			t.Errorf("%s.New%s: want New(Config) client.Option", p.PkgPath, strings.TrimPrefix(sig.String(), "func"))
		}
		for _, n := range scope.Names() {
			ctor, ok := scope.Lookup(n).(*types.Func)
			if !ok || !strings.HasPrefix(n, "New") || n == "New" {
				continue
			}
			res := ctor.Type().(*types.Signature).Results()
			ptr, ok := res.At(0).Type().(*types.Pointer)
			if !ok || !isNamed(ptr.Elem(), p.PkgPath, strings.TrimPrefix(n, "New")) {
				t.Errorf("%s.%s: a layer's NewX returns *X", p.PkgPath, n)
				continue
			}
			m, _, _ := types.LookupFieldOrMethod(ptr, true, p.Types, "Option")
			om, ok := m.(*types.Func)
			if !ok || om.Type().(*types.Signature).Results().Len() != 1 || !isClientOption(om.Type().(*types.Signature).Results().At(0).Type()) {
				t.Errorf("%s.%s: *%s has no Option() client.Option method", p.PkgPath, n, strings.TrimPrefix(n, "New"))
			}
		}
	}
	if layers < 8 {
		t.Fatalf("found %d layers with New(Config) client.Option; the check is broken", layers)
	}
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

func isClientOption(t types.Type) bool { return isNamed(t, module+"/client", "Option") }

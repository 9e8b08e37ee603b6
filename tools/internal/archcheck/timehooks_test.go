package archcheck

import (
	"go/types"
	"testing"
)

// timeHookNames are the field names of a clock, sleeper or random source
// injected for tests.
var timeHookNames = map[string]bool{"Now": true, "Sleep": true, "Rand": true, "After": true, "AfterFunc": true, "NewTimer": true}

// timeHooksKept are the hooks still allowed, each with its reason:
//   - orgtest.Server.Now: orgtest is itself a test double; its clock stamps
//     created_at so Examples print fixed dates.
//   - quota.Config.Now, limitstore.Memory.Now: kept until the helper that
//     owns quota and limitstore moves their tests onto testing/synctest
//     (limitstore under extensions/ or, once moved, under client/).
var timeHooksKept = map[string]bool{
	module + "/client/orgtest.Server.Now":         true,
	module + "/extensions/quota.Config.Now":       true,
	module + "/extensions/limitstore.Memory.Now":  true,
	module + "/client/limitstore.Memory.Now":      true,
	module + "/extensions/agent.Middleware.After": true, // a tool-call hook, not a clock
}

// TestNoTimeHooks: no exported struct of the core module has an exported
// function field that stands in for the clock, a sleep or a random source
// (Now, Sleep, Rand...). Time-driven code is tested under testing/synctest,
// so a config carries no field that exists only for tests, and jitter that
// must repeat is seeded (retry.Config.JitterSeed), not injected
// (ARCHITECTURE.md, Tests).
func TestNoTimeHooks(t *testing.T) {
	t.Parallel()
	structs := 0
	for _, p := range corePackages(t) {
		if p.Types == nil || p.PkgPath == module+"/gen" {
			continue
		}
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() || tn.IsAlias() {
				continue
			}
			st, ok := tn.Type().Underlying().(*types.Struct)
			if !ok {
				continue
			}
			structs++
			for i := range st.NumFields() {
				f := st.Field(i)
				if !f.Exported() || !timeHookNames[f.Name()] {
					continue
				}
				if _, isFunc := f.Type().Underlying().(*types.Signature); !isFunc {
					continue
				}
				if key := p.PkgPath + "." + name + "." + f.Name(); !timeHooksKept[key] {
					t.Errorf("%s is a time hook for tests: test under testing/synctest instead", key)
				}
			}
		}
	}
	if structs < 50 {
		t.Fatalf("checked %d exported structs; the check is broken", structs)
	}
}

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

// libraries are extension packages that are not layers but building blocks
// other extensions use: cost (the pricing table, used by quota and
// promptcache) and limitstore (the counter store quota keeps its budgets in).
// They are listed, not waived: each is a candidate to move where shared
// vocabulary lives (client, or an internal package for plumbing), and a new
// entry needs the same reason written here and in ARCHITECTURE.md.
var libraries = map[string]bool{"cost": true, "limitstore": true}

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
			if to := extensionOf(imp); to != "" && to != from && !libraries[to] {
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

// loggingImports are the packages an extension must not import: logging and
// telemetry consume the client's one observer interface (client.Observer,
// client.Report), and extensions report through it (ARCHITECTURE.md,
// Layers). The OpenTelemetry module is the consumer, not a layer, and lives
// in a module of its own, outside this check.
var loggingImports = []string{"log", "log/slog", "go.opentelemetry.io/", "go.uber.org/zap", "github.com/rs/zerolog", "github.com/sirupsen/logrus"}

// loggingWaived lists extensions that still import a logging package, with
// the reason; each is a candidate to report through client.Report instead.
var loggingWaived = map[string]string{
	// diagnostics writes the cURL command and httptrace timing of each
	// attempt to a Logger the user hands it on purpose (Config.Logger).
	"diagnostics": "its Config.Logger is the user's diagnostics sink",
}

// TestExtensionsDoNotImportLogging: no extension imports a logging or
// telemetry package; they report through client.Report.
func TestExtensionsDoNotImportLogging(t *testing.T) {
	t.Parallel()
	var bad []string
	checked := 0
	for _, p := range corePackages(t) {
		from := extensionOf(p.PkgPath)
		if from == "" || loggingWaived[from] != "" {
			continue
		}
		checked++
		for imp := range p.Imports {
			for _, l := range loggingImports {
				if imp == l || strings.HasSuffix(l, "/") && strings.HasPrefix(imp, l) {
					bad = append(bad, p.PkgPath+" imports "+imp)
				}
			}
		}
	}
	if checked < 5 {
		t.Fatalf("checked %d extension packages; the check is broken", checked)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

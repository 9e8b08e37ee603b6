package readme

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/tools/emulator"
	"golang.org/x/tools/go/packages"
)

// root is the repository root, from tools/internal/readme.
var root = filepath.Join("..", "..", "..")

func readmeBlocks(t *testing.T) []Block {
	t.Helper()
	md, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := Blocks(md)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) < 10 {
		t.Fatalf("found %d Go blocks in README.md; the extractor is broken", len(blocks))
	}
	return blocks
}

// Every Go block of README.md builds, and every block not marked
// compile-only runs to completion against the emulator, through a client
// made only from the environment variables the README gives (the API key,
// the admin key and the base URL).
func TestREADMEBlocksBuildAndRun(t *testing.T) {
	t.Parallel()
	blocks := readmeBlocks(t)
	src, err := Program(blocks)
	if err != nil {
		t.Fatal(err)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the README blocks: %v", err)
	}
	tmp := t.TempDir()
	tools, err := filepath.Abs(filepath.Join(root, "tools"))
	if err != nil {
		t.Fatal(err)
	}
	// An overlay adds the generated program to the tools module without
	// writing into the source tree.
	mainPath := filepath.Join(tools, "internal", "readme", "generated", "main.go")
	genPath := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(genPath, src, 0o600); err != nil {
		t.Fatal(err)
	}
	overlay, err := json.Marshal(map[string]any{"Replace": map[string]string{mainPath: genPath}})
	if err != nil {
		t.Fatal(err)
	}
	overlayPath := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayPath, overlay, 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(tmp, "readme")
	build := exec.CommandContext(t.Context(), goBin, "build", "-overlay", overlayPath, "-o", bin, "./internal/readme/generated")
	build.Dir = tools
	build.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("README blocks do not build (lines refer to the generated program below):\n%s\n%s", out, numbered(src))
	}

	srv, err := emulator.Start(context.Background(), emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// A file the API created, for the README's download loop.
	if _, err := srv.Handler().AddFile("chart.png", "image/png", []byte("\x89PNG emulated chart")); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ANTHROPIC_") {
			env = append(env, kv)
		}
	}
	env = append(env, "ANTHROPIC_API_KEY=sk-ant-test-readme", "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-test-readme", "ANTHROPIC_BASE_URL="+srv.URL())
	for i, b := range blocks {
		if b.CompileOnly != "" {
			t.Logf("README.md:%d: built, not run: %s", b.Line, b.CompileOnly)
			continue
		}
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
		run := exec.CommandContext(ctx, bin, strconv.Itoa(i))
		run.Dir = t.TempDir() // files a block writes (a state file) land here
		run.Env = env
		run.WaitDelay = time.Second
		out, err := run.CombinedOutput()
		cancel()
		if err != nil {
			t.Errorf("README.md:%d: the block fails against the emulator: %v\n%s", b.Line, err, out)
		}
	}
}

func numbered(src []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(src), "\n") {
		b.WriteString(strconv.Itoa(i+1) + "\t" + line + "\n")
	}
	return b.String()
}

// No README block and no Example function in the repository assigns an
// error to the blank identifier: a missing key or a 404 must not become a
// nil-pointer panic in code people copy. The packages are type-checked, so
// only results of type error count (comma-ok booleans do not).
func TestNoDiscardedErrors(t *testing.T) {
	t.Parallel()
	src, err := Program(readmeBlocks(t))
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	mode := packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo
	examples := 0
	for _, mod := range []string{".", "tools"} {
		dir := filepath.Join(abs, mod)
		cfg := &packages.Config{Mode: mode, Dir: dir, Tests: true, Fset: fset, Context: t.Context()}
		patterns := []string{"./..."}
		if mod == "tools" {
			cfg.Overlay = map[string][]byte{filepath.Join(dir, "internal", "readme", "generated", "main.go"): src}
			patterns = append(patterns, "./internal/readme/generated")
		}
		pkgs, err := packages.Load(cfg, patterns...)
		if err != nil {
			t.Fatal(err)
		}
		packages.Visit(pkgs, nil, func(p *packages.Package) {
			for _, e := range p.Errors {
				t.Errorf("%s: %v", p.PkgPath, e)
			}
		})
		seen := map[string]bool{}
		for _, p := range pkgs {
			for _, f := range p.Syntax {
				name := fset.Position(f.Pos()).Filename
				readme := strings.HasSuffix(filepath.ToSlash(name), "readme/generated/main.go")
				if seen[name] || !(readme || strings.HasSuffix(name, "_test.go")) {
					continue
				}
				seen[name] = true
				keep := func(fn string) bool { return strings.HasPrefix(fn, "Example") }
				if readme {
					keep = func(fn string) bool { return strings.HasPrefix(fn, "block") }
				}
				for _, d := range f.Decls {
					if fn, ok := d.(*ast.FuncDecl); ok && keep(fn.Name.Name) {
						examples++
					}
				}
				for _, finding := range DiscardedErrors(fset, p.TypesInfo, f, keep) {
					t.Errorf("an error is discarded: %s", finding)
				}
			}
		}
	}
	if examples < 30 {
		t.Fatalf("found only %d Example functions and README blocks; the load is broken", examples)
	}
}

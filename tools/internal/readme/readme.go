package readme

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// Block is one ```go block of a Markdown file.
type Block struct {
	// Line is the 1-based line of the block's first line of code.
	Line int
	// Code is the block's text.
	Code string
	// CompileOnly is the reason the block is built but not run, or "".
	CompileOnly string
}

const compileOnlyMark = "<!-- readme: compile-only:"

// Blocks returns the ```go blocks of a Markdown text, in order. An
// unterminated block is an error naming its line.
func Blocks(md []byte) ([]Block, error) {
	var (
		out      []Block
		cur      *Block
		code     strings.Builder
		lastText string
	)
	sc := bufio.NewScanner(bytes.NewReader(md))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && trimmed == "```go":
			cur = &Block{Line: n + 1}
			if r, ok := strings.CutPrefix(lastText, compileOnlyMark); ok {
				cur.CompileOnly = strings.TrimSpace(strings.TrimSuffix(r, "-->"))
			}
			code.Reset()
		case cur != nil && trimmed == "```":
			cur.Code = code.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			code.WriteString(line)
			code.WriteByte('\n')
		case trimmed != "":
			lastText = trimmed
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur != nil {
		return nil, fmt.Errorf("line %d: go block never closed", cur.Line-1)
	}
	return out, nil
}

// Packages maps the package names README blocks may use to their import
// paths.
var Packages = map[string]string{
	"context":        "context",
	"errors":         "errors",
	"fmt":            "fmt",
	"io":             "io",
	"iter":           "iter",
	"log":            "log",
	"net/http":       "net/http",
	"os":             "os",
	"strings":        "strings",
	"time":           "time",
	"client":         "github.com/claudego/claude/client",
	"streaming":      "github.com/claudego/claude/streaming",
	"agent":          "github.com/claudego/claude/extensions/agent",
	"batch":          "github.com/claudego/claude/extensions/batch",
	"circuitbreaker": "github.com/claudego/claude/extensions/circuitbreaker",
	"failover":       "github.com/claudego/claude/extensions/failover",
	"health":         "github.com/claudego/claude/extensions/health",
	"preset":         "github.com/claudego/claude/extensions/preset",
	"ratelimit":      "github.com/claudego/claude/extensions/ratelimit",
	"retry":          "github.com/claudego/claude/extensions/retry",
	"emulator":       "github.com/claudego/claude/tools/emulator",
	// The Operations section.
	"compress/gzip": "compress/gzip",
	"log/slog":      "log/slog",
	"cost":          "github.com/claudego/claude/extensions/cost",
	"pricing":       "github.com/claudego/claude/client/pricing",
	"quota":         "github.com/claudego/claude/extensions/quota",
	"promptcache":   "github.com/claudego/claude/extensions/promptcache",
	"diagnostics":   "github.com/claudego/claude/extensions/diagnostics",
	"compress":      "github.com/claudego/claude/extensions/compress",
	"secrets":       "github.com/claudego/claude/extensions/secrets",
	"redisstore":    "github.com/claudego/claude/extensions/redisstore",
	"liveconfig":    "github.com/claudego/claude/extensions/liveconfig",
	"redis":         "github.com/redis/go-redis/v9",
	// The Observability section.
	"claudeotel":  "github.com/claudego/claude/extensions/otel",
	"stdouttrace": "go.opentelemetry.io/otel/exporters/stdout/stdouttrace",
	"sdk/trace":   "go.opentelemetry.io/otel/sdk/trace",
}

// pkgName is the name a path is used by.
func pkgName(path string) string {
	for name, p := range Packages {
		if p == path {
			return name[strings.LastIndex(name, "/")+1:]
		}
	}
	return ""
}

// Program wraps the blocks in one main package: block i becomes
// func blockN(ctx, c, req, msg), N its index, and main runs the block named
// by its argument against the client client.New() makes. It returns the
// source, or an error naming the README line of a block that does not parse
// or imports a package Packages does not know.
//
// Each block's code follows a //line directive, so the compiler's errors name
// README.md lines.
func Program(blocks []Block) ([]byte, error) {
	var body strings.Builder
	body.WriteString(`
func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: readme BLOCK")
	}
	ctx := context.Background()
	c, err := client.New()
	if err != nil {
		log.Fatal(err)
	}
	req := client.MessageRequest{
		Model:     "claude-haiku-4-5",
		MaxTokens: 1024,
		Messages:  []client.MessageParam{client.UserText("Why is the sky blue?")},
	}
	msg, err := c.Messages.Create(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	switch os.Args[1] {
`)
	for i := range blocks {
		fmt.Fprintf(&body, "\tcase %q:\n\t\tblock%d(ctx, c, req, msg)\n", strconv.Itoa(i), i)
	}
	body.WriteString("\tdefault:\n\t\tlog.Fatalf(\"no block %s\", os.Args[1])\n\t}\n}\n")
	for i, b := range blocks {
		var code strings.Builder
		for _, line := range strings.Split(b.Code, "\n") {
			if path, ok := strings.CutPrefix(strings.TrimSpace(line), "import "); ok {
				p, err := strconv.Unquote(strings.TrimSpace(path))
				if err != nil || pkgName(p) == "" {
					return nil, fmt.Errorf("README.md:%d: import %s: not a package the README test knows (readme.Packages)", b.Line, path)
				}
				code.WriteString("\n") // keep line numbers
				continue
			}
			code.WriteString(line)
			code.WriteByte('\n')
		}
		fmt.Fprintf(&body, "\n// README.md line %d\nfunc block%d(ctx context.Context, c *client.Client, req client.MessageRequest, msg *client.Message) {\n\t{ // a scope of its own: the block may redeclare ctx, c, req and msg\n//line README.md:%d\n%s\t}\n}\n", b.Line, i, b.Line, code.String())
	}
	src := "package main\n" + body.String()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "readme.go", src, 0)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{"context": true, "os": true, "log": true, "client": true}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	var imports []string
	for name, path := range Packages {
		if used[name[strings.LastIndex(name, "/")+1:]] {
			imports = append(imports, strconv.Quote(path))
		}
	}
	sort.Strings(imports)
	full := "package main\n\nimport (\n\t" + strings.Join(imports, "\n\t") + "\n)\n" + body.String()
	// Not gofmt'ed: gofmt would indent the //line directives, which only
	// count at the start of a line.
	return []byte(full), nil
}

// DiscardedErrors reports, in the functions of a type-checked file whose
// names pass keep, each assignment of an error result of a call to the
// blank identifier (`v, _ := f()`, `_ = f()`). Findings are
// "file:line:col: text".
func DiscardedErrors(fset *token.FileSet, info *types.Info, f *ast.File, keep func(name string) bool) []string {
	errType := types.Universe.Lookup("error").Type()
	var out []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil || !keep(fn.Name.Name) {
			continue
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Rhs) != 1 {
				return true
			}
			call, isCall := as.Rhs[0].(*ast.CallExpr)
			if !isCall {
				return true
			}
			var results []types.Type
			switch t := info.TypeOf(call).(type) {
			case *types.Tuple:
				for v := range t.Variables() {
					results = append(results, v.Type())
				}
			case nil:
				return true
			default:
				results = []types.Type{t}
			}
			for i, lhs := range as.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok || id.Name != "_" || i >= len(results) || !types.Identical(results[i], errType) {
					continue
				}
				var b strings.Builder
				if err := format.Node(&b, fset, as); err != nil {
					b.WriteString(err.Error())
				}
				out = append(out, fmt.Sprintf("%s: %s", fset.Position(as.Pos()), b.String()))
			}
			return true
		})
	}
	return out
}

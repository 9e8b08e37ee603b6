package sdkcov

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Field is one JSON property of an SDK struct.
type Field struct {
	// Name is the JSON name.
	Name string
	// Required is true for a field the SDK tags api:"required" (on a
	// response type: the API always sends it, perhaps as null) or that holds a
	// constant (the type discriminator, always sent).
	Required bool
}

// Type is one struct of the SDK with JSON properties.
type Type struct {
	// Name is the Go type name, Section the api.md section of its file.
	Name, Section string
	// Param is true for request types: their names contain Param (Params,
	// or a part of one such as MessageBatchNewParamsRequest).
	Param  bool
	Fields []Field
}

// sections maps the SDK's generally available files (by name prefix) to
// their api.md sections; beta files and the legacy completions are left out.
var sections = []struct{ prefix, section string }{
	{"messagebatch", "Messages > Batches"},
	{"message", "Messages"},
	{"model", "Models"},
	{"file", "Files"},
	{"skill", "Skills"},
	{"userprofile", "UserProfiles"},
	{"organization", "Organization"},
	{"shared", "Shared"},
}

func sectionOf(file string) string {
	base := filepath.Base(file)
	if strings.HasSuffix(base, "_test.go") || strings.HasSuffix(base, "util.go") {
		return ""
	}
	for _, s := range sections {
		if strings.HasPrefix(base, s.prefix) {
			return s.section
		}
	}
	return ""
}

// ParseSDK reads the struct types of the SDK's generally available sections
// from its source directory (the module root, with shared/ below it).
func ParseSDK(dir string) ([]Type, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	files = append(files, filepath.Join(dir, "shared", "shared.go"))
	var out []Type
	fset := token.NewFileSet()
	for _, f := range files {
		section := sectionOf(f)
		if section == "" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("sdkcov: %w", err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			return nil, fmt.Errorf("sdkcov: %w", err)
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				// A *Union type (and its UnionInput, UnionContent...
				// parts) merges the fields of its variants, which are
				// types of their own: counting it too would count each
				// variant's properties twice.
				if !ok || strings.Contains(ts.Name.Name, "Union") {
					continue
				}
				t := Type{Name: ts.Name.Name, Section: section,
					Param: strings.Contains(ts.Name.Name, "Param")}
				for _, fl := range st.Fields.List {
					if fl.Tag == nil || len(fl.Names) == 0 {
						continue
					}
					tag, _ := strconv.Unquote(fl.Tag.Value)
					name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
					if name == "" || name == "-" {
						continue
					}
					_, isConst := fl.Type.(*ast.SelectorExpr)
					isConst = isConst && strings.HasPrefix(types(fl.Type), "constant.")
					t.Fields = append(t.Fields, Field{Name: name, Required: reflect.StructTag(tag).Get("api") == "required" || isConst})
				}
				if len(t.Fields) > 0 {
					out = append(out, t)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func types(e ast.Expr) string {
	if s, ok := e.(*ast.SelectorExpr); ok {
		if x, ok := s.X.(*ast.Ident); ok {
			return x.Name + "." + s.Sel.Name
		}
	}
	return ""
}

package spec

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Spec is a loaded, validated OpenAPI document.
type Spec struct {
	// Doc is the parsed document with every $ref resolved.
	Doc *openapi3.T
}

// Load reads and validates the OpenAPI document at path.
func Load(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	return LoadData(data)
}

// LoadData parses and validates an OpenAPI document held in memory.
func LoadData(data []byte) (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("spec: load: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("spec: invalid OpenAPI document: %w", err)
	}
	return &Spec{Doc: doc}, nil
}

// DefaultPath returns the path of openapi/anthropic.yaml in this repository,
// found from this source file's location, so tests and the contract command
// work from any directory inside the checkout.
func DefaultPath() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("openapi", "anthropic.yaml")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "openapi", "anthropic.yaml")
}

// Operation is one operation of the spec, found by method and path.
type Operation struct {
	// Method is the upper-case HTTP method.
	Method string
	// Path is the spec's path template, such as /v1/models/{model_id}.
	Path string
	// Op is the operation itself.
	Op *openapi3.Operation
	// PathParams maps the template's parameter names to the values found in
	// the matched path (a {placeholder} of the input maps to itself).
	PathParams map[string]string
	route      *routers.Route
}

// FindOperation finds the operation for method and path. path may be a
// concrete request path (/v1/models/claude-haiku-4-5) or a template whose
// placeholders have other names (/v1/messages/batches/{id}); literal segments
// win over placeholders when both match.
func (s *Spec) FindOperation(method, path string) (*Operation, error) {
	method = strings.ToUpper(method)
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	in := splitPath(path)
	type cand struct {
		tmpl     string
		literals int
		params   map[string]string
	}
	var cands []cand
	for tmpl, item := range s.Doc.Paths.Map() {
		if item.GetOperation(method) == nil {
			continue
		}
		ts := splitPath(tmpl)
		if len(ts) != len(in) {
			continue
		}
		c := cand{tmpl: tmpl, params: map[string]string{}}
		ok := true
		for i, seg := range ts {
			switch {
			case isParam(seg):
				c.params[strings.Trim(seg, "{}")] = in[i]
			case seg == in[i]:
				c.literals++
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("spec: no operation for %s %s", method, path)
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].literals > cands[j].literals })
	best := cands[0]
	item := s.Doc.Paths.Value(best.tmpl)
	op := item.GetOperation(method)
	return &Operation{
		Method:     method,
		Path:       best.tmpl,
		Op:         op,
		PathParams: best.params,
		route:      &routers.Route{Spec: s.Doc, Path: best.tmpl, PathItem: item, Method: method, Operation: op},
	}, nil
}

func splitPath(p string) []string {
	return strings.Split(strings.Trim(p, "/"), "/")
}

func isParam(seg string) bool {
	return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// Schema returns the named component schema, or nil.
func (s *Spec) Schema(name string) *openapi3.Schema {
	ref := s.Doc.Components.Schemas[name]
	if ref == nil {
		return nil
	}
	return ref.Value
}

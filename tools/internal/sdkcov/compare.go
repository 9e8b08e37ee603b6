package sdkcov

import (
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Schema is one object schema of the spec: a component, or an inline object
// below one (named Parent.property, Parent.property[] for array items).
type Schema struct {
	Name string
	// Props maps each property to whether the schema lists it as required.
	Props map[string]bool
	// Nullable maps each property to whether its schema is nullable.
	Nullable map[string]bool
	// Request and Response say whether the schema's component is reached
	// from a request body or from a response; a component reached from
	// neither has both false and may pair with any type.
	Request, Response bool
}

// fits reports whether t may pair with s: a request type (Param) only with
// a schema some request body reaches, a response type only with one some
// response reaches. Without this, a Params type could pair with the response
// schema that shares its properties, and a property the request schema lacks
// (service account create's description) would count as described.
func (s *Schema) fits(t Type) bool {
	if !s.Request && !s.Response {
		return true
	}
	if t.Param {
		return s.Request
	}
	return s.Response
}

// reached returns the component schemas reachable from the request bodies
// (req) and from the responses (resp) of doc's operations.
func reached(doc *openapi3.T) (req, resp map[string]bool) {
	req, resp = map[string]bool{}, map[string]bool{}
	var mark func(seen map[string]bool, r *openapi3.SchemaRef)
	mark = func(seen map[string]bool, r *openapi3.SchemaRef) {
		if r == nil {
			return
		}
		if r.Ref != "" {
			name := r.Ref[strings.LastIndex(r.Ref, "/")+1:]
			if seen[name] {
				return
			}
			seen[name] = true
		}
		s := r.Value
		if s == nil {
			return
		}
		for _, p := range s.Properties {
			mark(seen, p)
		}
		mark(seen, s.Items)
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, x := range group {
				mark(seen, x)
			}
		}
		if s.AdditionalProperties.Schema != nil {
			mark(seen, s.AdditionalProperties.Schema)
		}
	}
	if doc.Paths == nil {
		return req, resp
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					mark(req, mt.Schema)
				}
			}
			if op.Responses == nil {
				continue
			}
			for _, r := range op.Responses.Map() {
				if r.Value == nil {
					continue
				}
				for _, mt := range r.Value.Content {
					mark(resp, mt.Schema)
				}
			}
		}
	}
	return req, resp
}

// SpecSchemas collects every object schema of doc, inline ones included.
func SpecSchemas(doc *openapi3.T) []Schema {
	var out []Schema
	var walk func(name string, s *openapi3.Schema, depth int)
	walk = func(name string, s *openapi3.Schema, depth int) {
		if s == nil || depth > 6 {
			return
		}
		if len(s.Properties) > 0 {
			sc := Schema{Name: name, Props: map[string]bool{}, Nullable: map[string]bool{}}
			for p, ref := range s.Properties {
				sc.Props[p] = false
				sc.Nullable[p] = ref.Value != nil && ref.Value.Nullable
			}
			for _, r := range s.Required {
				if _, ok := sc.Props[r]; ok {
					sc.Props[r] = true
				}
			}
			out = append(out, sc)
			for p, ref := range s.Properties {
				if ref.Ref == "" {
					walk(name+"."+p, ref.Value, depth+1)
				}
			}
		}
		if s.Items != nil && s.Items.Ref == "" {
			walk(name+"[]", s.Items.Value, depth+1)
		}
		for _, all := range s.AllOf {
			if all.Ref == "" {
				walk(name, all.Value, depth+1)
			}
		}
	}
	for name, ref := range doc.Components.Schemas {
		walk(name, ref.Value, 0)
	}
	req, resp := reached(doc)
	for i := range out {
		root := out[i].Name
		if j := strings.IndexAny(root, ".["); j >= 0 {
			root = root[:j]
		}
		out[i].Request, out[i].Response = req[root], resp[root]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Match is an SDK type and the spec schema that describes it best (nil when
// none shares at least half of its properties).
type Match struct {
	Type    Type
	Schema  *Schema
	Covered int // the type's properties the schema has
}

func norm(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// MatchAll pairs every SDK type with a spec schema: the one of the same name
// when it shares a property, else the one sharing the most properties
// (Jaccard), which must hold at least half of the type's.
func MatchAll(types []Type, schemas []Schema) []Match {
	byName := map[string]*Schema{}
	for i := range schemas {
		byName[norm(schemas[i].Name)] = &schemas[i]
	}
	var out []Match
	for _, t := range types {
		covered := func(s *Schema) int {
			n := 0
			for _, f := range t.Fields {
				if _, ok := s.Props[f.Name]; ok {
					n++
				}
			}
			return n
		}
		m := Match{Type: t}
		if s := byName[norm(t.Name)]; s != nil && s.fits(t) && covered(s) > 0 {
			m.Schema, m.Covered = s, covered(s)
			out = append(out, m)
			continue
		}
		best := 0.0
		for i := range schemas {
			s := &schemas[i]
			if !s.fits(t) {
				continue
			}
			c := covered(s)
			if c == 0 || 2*c < len(t.Fields) {
				continue
			}
			j := float64(c) / float64(len(t.Fields)+len(s.Props)-c)
			if j > best || (j == best && m.Schema != nil && nameScore(t.Name, s.Name) > nameScore(t.Name, m.Schema.Name)) {
				best, m.Schema, m.Covered = j, s, c
			}
		}
		out = append(out, m)
	}
	return out
}

// nameScore is the length of the common suffix of two names, a tie-break
// between schemas that share the same properties.
func nameScore(a, b string) int {
	a, b = norm(a), norm(b)
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// Coverage sums, per section, the SDK properties and those the matched spec
// schemas describe.
type Coverage struct {
	Section        string
	Props, Covered int
}

// Summarize returns the coverage of every section, and the total last.
func Summarize(matches []Match) []Coverage {
	by := map[string]*Coverage{}
	total := &Coverage{Section: "all"}
	for _, m := range matches {
		c := by[m.Type.Section]
		if c == nil {
			c = &Coverage{Section: m.Type.Section}
			by[m.Type.Section] = c
		}
		for _, cc := range []*Coverage{c, total} {
			cc.Props += len(m.Type.Fields)
			cc.Covered += m.Covered
		}
	}
	var out []Coverage
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Section < out[j].Section })
	return append(out, *total)
}

// Optional is a response property the SDK marks always present that the
// spec leaves optional.
type Optional struct {
	Schema, Property, SDKType string
	Nullable                  bool
}

// AlwaysSentButOptional lists, for every response type (not a Param), the
// properties the SDK marks required and the matched spec schema describes
// without requiring them. A schema several response types pair with (a
// merged union, such as a rate-limit group or a cache-miss reason) lists a
// property only when every one of those types requires it: a variant that
// lacks it shows the API does not always send it.
func AlwaysSentButOptional(matches []Match) []Optional {
	bySchema := map[*Schema][]Type{}
	var order []*Schema
	for _, m := range matches {
		if m.Type.Param || m.Schema == nil {
			continue
		}
		if bySchema[m.Schema] == nil {
			order = append(order, m.Schema)
		}
		bySchema[m.Schema] = append(bySchema[m.Schema], m.Type)
	}
	var out []Optional
	for _, s := range order {
		types := bySchema[s]
		for _, f := range types[0].Fields {
			if req, ok := s.Props[f.Name]; !ok || req || !requiredByAll(f.Name, types) {
				continue
			}
			out = append(out, Optional{Schema: s.Name, Property: f.Name, SDKType: types[0].Name, Nullable: s.Nullable[f.Name]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Schema != out[j].Schema {
			return out[i].Schema < out[j].Schema
		}
		return out[i].Property < out[j].Property
	})
	return out
}

func requiredByAll(name string, types []Type) bool {
	for _, t := range types {
		found := false
		for _, f := range t.Fields {
			if f.Name == name {
				found = f.Required
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

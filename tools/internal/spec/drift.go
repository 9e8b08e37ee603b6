package spec

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// drift walks v alongside the schema and reports every object property the
// matched schema does not describe. Unions are followed by discriminator
// mapping, or for plain oneOf by the first variant that validates. Objects
// with no declared properties are free-form maps (tool input, JSON schemas)
// and are not walked; in requests, an object that explicitly sets
// additionalProperties: true is an open JSON Schema and is not walked either.
// Unknown enum values and union variants are reported by validation itself.
func (s *Spec) drift(where string, ref *openapi3.SchemaRef, v any, response bool) Findings {
	w := walker{where: where, response: response}
	w.walk(ref, v, nil)
	return w.out
}

type walker struct {
	where    string
	response bool
	out      Findings
}

func (w *walker) walk(ref *openapi3.SchemaRef, v any, path []string) {
	if ref == nil || ref.Value == nil || v == nil {
		return
	}
	sc := ref.Value
	if len(sc.OneOf) > 0 || len(sc.AnyOf) > 0 {
		if variant := pickVariant(sc, v); variant != nil {
			w.walk(variant, v, path)
		}
		return
	}
	for _, all := range sc.AllOf {
		w.walk(all, v, path)
	}
	switch val := v.(type) {
	case map[string]any:
		w.object(sc, val, path)
	case []any:
		if sc.Items == nil {
			return
		}
		for i, item := range val {
			w.walk(sc.Items, item, append(path, strconv.Itoa(i)))
		}
	}
}

func (w *walker) object(sc *openapi3.Schema, val map[string]any, path []string) {
	addl := sc.AdditionalProperties
	if len(sc.Properties) == 0 {
		if addl.Schema != nil {
			for _, k := range sortedKeys(val) {
				w.walk(addl.Schema, val[k], append(path, k))
			}
		}
		return
	}
	open := !w.response && addl.Has != nil && *addl.Has
	for _, k := range sortedKeys(val) {
		p := append(append([]string(nil), path...), k)
		if prop, ok := sc.Properties[k]; ok {
			w.walk(prop, val[k], p)
			continue
		}
		if addl.Schema != nil {
			w.walk(addl.Schema, val[k], p)
			continue
		}
		if open {
			continue
		}
		w.out = append(w.out, Finding{
			Kind:    Drift,
			Where:   w.where,
			Pointer: pointer(p),
			Rule:    RuleUnknownProperty,
			Message: fmt.Sprintf("property %q is not described by the schema (%s)", k, describe(sc)),
		})
	}
}

// pickVariant chooses the oneOf/anyOf variant that describes v.
func pickVariant(sc *openapi3.Schema, v any) *openapi3.SchemaRef {
	variants := sc.OneOf
	if len(variants) == 0 {
		variants = sc.AnyOf
	}
	if d := sc.Discriminator; d != nil {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		tag, _ := obj[d.PropertyName].(string)
		if m, ok := d.Mapping[tag]; ok {
			for _, r := range variants {
				if r.Ref == m.Ref {
					return r
				}
			}
		}
		return nil
	}
	for _, r := range variants {
		if r.Value != nil && r.Value.VisitJSON(v) == nil {
			return r
		}
	}
	// Nothing validates (validation reports why): follow the variant whose
	// JSON type matches, to still find unknown properties.
	for _, r := range variants {
		if r.Value != nil && r.Value.Type != nil && r.Value.Type.Is(jsonType(v)) {
			return r
		}
	}
	return nil
}

func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	}
	return "null"
}

func describe(sc *openapi3.Schema) string {
	if sc.Title != "" {
		return sc.Title
	}
	if sc.Description != "" {
		return sc.Description
	}
	return "object"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

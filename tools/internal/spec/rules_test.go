package spec

import (
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSpecRules pins the authoring rules of openapi/anthropic.yaml (see the
// design map): descriptions everywhere, named union variants with explicit
// discriminator mappings, open response objects and closed request objects.
func TestSpecRules(t *testing.T) {
	s := load(t)
	for name, ref := range s.Doc.Components.Schemas {
		sc := ref.Value
		if sc.Description == "" {
			t.Errorf("schema %s has no description", name)
		}
		for prop, p := range sc.Properties {
			if p.Ref == "" && p.Value.Description == "" {
				t.Errorf("property %s.%s has no description", name, prop)
			}
		}
		for i, v := range sc.OneOf {
			if v.Ref == "" {
				t.Errorf("schema %s: oneOf variant %d is inline; make it a named component", name, i)
			}
		}
		if len(sc.OneOf) > 0 && allObjects(sc.OneOf) && name != "ToolUnion" {
			if sc.Discriminator == nil || len(sc.Discriminator.Mapping) == 0 {
				t.Errorf("schema %s: object union without a discriminator mapping", name)
				continue
			}
			mapped := map[string]bool{}
			for _, m := range sc.Discriminator.Mapping {
				mapped[m.Ref] = true
			}
			for _, v := range sc.OneOf {
				if !mapped[v.Ref] {
					t.Errorf("schema %s: variant %s is missing from the discriminator mapping", name, v.Ref)
				}
			}
		}
	}

	responses, requests := map[string]bool{}, map[string]bool{}
	for _, item := range s.Doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					reach(mt.Schema, requests)
				}
			}
			for _, r := range op.Responses.Map() {
				for _, mt := range r.Value.Content {
					reach(mt.Schema, responses)
				}
			}
		}
	}
	for _, name := range sorted(responses) {
		sc := s.Schema(name)
		if isObject(sc) && (sc.AdditionalProperties.Has == nil || !*sc.AdditionalProperties.Has) {
			t.Errorf("response schema %s must set additionalProperties: true (ARCHITECTURE.md, rule 2)", name)
		}
		if requests[name] && (isObject(sc) || len(sc.OneOf) > 0) {
			t.Errorf("schema %s is used in both requests and responses", name)
		}
	}
	for _, name := range sorted(requests) {
		sc := s.Schema(name)
		if isObject(sc) && name != "ToolInputSchema" && sc.AdditionalProperties.Has != nil && *sc.AdditionalProperties.Has && len(sc.Properties) > 0 {
			t.Errorf("request schema %s must not set additionalProperties: true", name)
		}
	}

	want := []string{"CreateMessage", "CountMessageTokens", "ListModels", "GetModel",
		"CreateMessageBatch", "ListMessageBatches", "GetMessageBatch", "CancelMessageBatch", "DeleteMessageBatch", "GetMessageBatchResults",
		"UploadFile", "ListFiles", "GetFileMetadata", "DownloadFile", "DeleteFile"}
	have := map[string]bool{}
	for _, item := range s.Doc.Paths.Map() {
		for _, op := range item.Operations() {
			have[op.OperationID] = true
		}
	}
	for _, id := range want {
		if !have[id] {
			t.Errorf("operation %s is missing", id)
		}
	}
}

func allObjects(refs openapi3.SchemaRefs) bool {
	for _, r := range refs {
		if !isObject(r.Value) {
			return false
		}
	}
	return true
}

func isObject(sc *openapi3.Schema) bool {
	return sc != nil && sc.Type != nil && sc.Type.Is("object")
}

// reach records the names of every component schema reachable from ref.
func reach(ref *openapi3.SchemaRef, seen map[string]bool) {
	if ref == nil || ref.Value == nil {
		return
	}
	if ref.Ref != "" {
		name := ref.Ref[strings.LastIndex(ref.Ref, "/")+1:]
		if seen[name] {
			return
		}
		seen[name] = true
	}
	sc := ref.Value
	for _, p := range sc.Properties {
		reach(p, seen)
	}
	reach(sc.Items, seen)
	reach(sc.AdditionalProperties.Schema, seen)
	for _, group := range []openapi3.SchemaRefs{sc.OneOf, sc.AnyOf, sc.AllOf} {
		for _, v := range group {
			reach(v, seen)
		}
	}
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

package agent

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
)

// schemaFor builds the input schema of a typed tool from In. A field is
// required unless it is omitempty/omitzero or a pointer: one rule for struct
// tools and MCP tools (the official SDK's runner makes every field optional,
// which users trip on).
func schemaFor[In any]() (*jsonschema.Schema, error) {
	t := reflect.TypeFor[In]()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Map {
		return nil, fmt.Errorf("input type %s must be a struct or a map (a tool input is a JSON object)", t)
	}
	s, err := jsonschema.ForType(t, nil)
	if err != nil {
		return nil, err
	}
	dropPointerRequired(t, s)
	return s, nil
}

// dropPointerRequired removes pointer fields from Required, recursively
// through nested structs, slices and maps.
func dropPointerRequired(t reflect.Type, s *jsonschema.Schema) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s == nil {
		return
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		dropPointerRequired(t.Elem(), s.Items)
	case reflect.Map:
		dropPointerRequired(t.Elem(), s.AdditionalProperties)
	case reflect.Struct:
		for _, f := range reflect.VisibleFields(t) {
			if !f.IsExported() || f.Anonymous {
				continue
			}
			name := jsonName(f)
			if name == "" {
				continue
			}
			sub := s.Properties[name]
			if f.Type.Kind() == reflect.Pointer {
				s.Required = removeString(s.Required, name)
			}
			dropPointerRequired(f.Type, sub)
		}
	}
}

func jsonName(f reflect.StructField) string {
	tag, ok := f.Tag.Lookup("json")
	if !ok {
		return f.Name
	}
	name, _, _ := strings.Cut(tag, ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

func removeString(list []string, s string) []string {
	out := list[:0]
	for _, v := range list {
		if v != s {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// validator checks a tool input against its schema before the handler runs.
type validator struct{ rs *jsonschema.Resolved }

func newValidator(s *jsonschema.Schema) (*validator, error) {
	rs, err := s.Resolve(nil)
	if err != nil {
		return nil, err
	}
	return &validator{rs: rs}, nil
}

// validate decodes raw as generic JSON and validates it. The error names
// the field; it is what the model reads in the is_error result.
func (v *validator) validate(raw json.RawMessage) error {
	if v == nil {
		return nil
	}
	var inst any
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	if err := json.Unmarshal(raw, &inst); err != nil {
		return fmt.Errorf("input is not valid JSON: %w", err)
	}
	if _, ok := inst.(map[string]any); !ok {
		return errors.New("input must be a JSON object")
	}
	if err := v.rs.Validate(inst); err != nil {
		return fmt.Errorf("input does not match the tool's schema: %s", strings.TrimPrefix(err.Error(), "validating root: "))
	}
	return nil
}

// schemaJSON encodes s as the tool's input_schema.
func schemaJSON(s *jsonschema.Schema) (json.RawMessage, error) {
	return json.Marshal(s)
}

package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/claudego/claude/openapi"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// The emulator validates requests against openapi/anthropic.yaml as
// compiled into package openapi, so `go run ./cmd/emulator` works from any
// directory and always matches the module it was built from. Config.SpecPath
// loads another file instead, for spec authors trying an edit.
var embeddedSpec = openapi.Spec()

// EmbeddedSpec returns the OpenAPI description compiled into the emulator.
func EmbeddedSpec() []byte { return bytes.Clone(embeddedSpec) }

var loadEmbedded = sync.OnceValues(func() (*openapi3.T, error) { return parseSpec(embeddedSpec) })

// loadSpec returns the embedded spec, or the file at path when path is set.
func loadSpec(path string) (*openapi3.T, error) {
	if path == "" {
		return loadEmbedded()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("emulator: reading spec: %w", err)
	}
	return parseSpec(data)
}

func parseSpec(data []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("emulator: loading spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("emulator: invalid spec: %w", err)
	}
	return doc, nil
}

// validator checks requests against one operation of the spec.
type validator struct{ doc *openapi3.T }

// validate checks r (whose body is given separately, since the handler has
// read it) against the operation at specPath and method. It returns the
// API-style message naming the field, or "" when the request is valid.
func (v validator) validate(r *http.Request, specPath string, pathParams map[string]string, body []byte) string {
	item := v.doc.Paths.Find(specPath)
	if item == nil {
		return ""
	}
	op := item.GetOperation(r.Method)
	if op == nil {
		return ""
	}
	rc := r.Clone(r.Context())
	rc.Body = io.NopCloser(bytes.NewReader(body))
	rc.ContentLength = int64(len(body))
	if rc.Header.Get("Content-Type") == "" && len(body) > 0 {
		rc.Header.Set("Content-Type", "application/json")
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    rc,
		PathParams: pathParams,
		Route:      &routers.Route{Spec: v.doc, Path: specPath, PathItem: item, Method: r.Method, Operation: op},
		Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	err := openapi3filter.ValidateRequest(r.Context(), in)
	if err == nil {
		return ""
	}
	return describe(err)
}

// describe turns a kin-openapi error into the API's style of message:
// "<dotted.field.path>: <reason>", naming the deepest field that failed.
func describe(err error) string {
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		if re.Parameter != nil {
			reason := re.Reason
			if reason == "" && re.Err != nil {
				reason = leafReason(re.Err)
			}
			return re.Parameter.Name + ": " + reason
		}
		var pe *openapi3filter.ParseError
		if errors.As(re.Err, &pe) {
			return "There was an error parsing the body of your request: " + pe.Error()
		}
		if re.Err == nil {
			return re.Reason
		}
		if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
			return "Request body is required"
		}
	}
	best := deepest(err)
	if best == nil {
		return "Invalid request: " + err.Error()
	}
	ptr := best.JSONPointer()
	if best.SchemaField == "additionalProperties" {
		// kin-openapi points at the object; the API names the extra field.
		if name, ok := quotedName(best.Reason); ok {
			ptr = append(append([]string(nil), ptr...), name)
		}
		return fieldPath(ptr) + ": Extra inputs are not permitted"
	}
	return fieldPath(ptr) + ": " + friendly(best)
}

// deepest walks the error tree (oneOf branches included) and returns the
// schema error with the longest JSON pointer; on a tie the first found wins,
// except that a branch's plain type mismatch loses to any other reason.
func deepest(err error) *openapi3.SchemaError {
	var best *openapi3.SchemaError
	score := func(se *openapi3.SchemaError) int {
		s := 4 * len(se.JSONPointer())
		if se.SchemaField == "type" {
			s--
		}
		if se.SchemaField == "oneOf" || se.SchemaField == "anyOf" {
			s -= 2
		}
		return s
	}
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if se, ok := e.(*openapi3.SchemaError); ok {
			if best == nil || score(se) > score(best) {
				best = se
			}
			walk(se.Origin)
			return
		}
		if me, ok := e.(openapi3.MultiError); ok {
			for _, x := range me {
				walk(x)
			}
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return best
}

func leafReason(err error) string {
	if se := deepest(err); se != nil {
		return friendly(se)
	}
	return err.Error()
}

// friendly phrases common reasons the way the API does.
func friendly(se *openapi3.SchemaError) string {
	switch se.SchemaField {
	case "required":
		return "Field required"
	case "enum":
		if se.Schema != nil && len(se.Schema.Enum) > 0 {
			opts := make([]string, 0, len(se.Schema.Enum))
			for _, e := range se.Schema.Enum {
				opts = append(opts, fmt.Sprintf("'%v'", e))
			}
			return "Input should be " + joinOr(opts)
		}
	case "type":
		if se.Schema != nil && se.Schema.Type != nil && len(*se.Schema.Type) > 0 {
			names := map[string]string{"array": "list", "object": "dictionary"}
			t := (*se.Schema.Type)[0]
			if n, ok := names[t]; ok {
				t = n
			}
			return "Input should be a valid " + t
		}
	case "discriminator":
		return "Input tag does not match any of the expected tags"
	}
	return se.Reason
}

// quotedName returns the first double-quoted name in s, such as the property
// in `property "foo" is unsupported`.
func quotedName(s string) (string, bool) {
	_, rest, ok := strings.Cut(s, `"`)
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, `"`)
	return name, ok && name != ""
}

func joinOr(opts []string) string {
	switch len(opts) {
	case 1:
		return opts[0]
	case 2:
		return opts[0] + " or " + opts[1]
	}
	return strings.Join(opts[:len(opts)-1], ", ") + " or " + opts[len(opts)-1]
}

func fieldPath(ptr []string) string {
	if len(ptr) == 0 {
		return "body"
	}
	return strings.Join(ptr, ".")
}

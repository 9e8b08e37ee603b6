package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/claudego/claude/client"
)

// hint returns what the user can do about err, or "" when there is nothing
// more to say than the error itself.
func hint(err error) string {
	var apiErr *client.APIError
	switch {
	case errors.As(err, &apiErr) && errors.Is(err, client.ErrNotFound) && strings.HasPrefix(apiErr.Op, "messages."):
		// The only thing a Messages call can miss is its model.
		return "the model was not found: run `claude models` to list the models your key can use, and pass one with -model"
	case errors.Is(err, client.ErrAuthentication):
		return "the API key was refused: check ANTHROPIC_API_KEY (or pass --emulator to try the CLI without one)"
	}
	return ""
}

// batchLineShape is what one line of a `claude batch submit` file looks like.
const batchLineShape = `{"custom_id": "request-1", "params": {"model": "claude-haiku-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hello"}]}}`

// badBatchLine describes a line of a batch file that is not a request, in
// JSON terms rather than Go types, with the shape a line must have.
func badBatchLine(path string, err error) error {
	var je *client.JSONLError
	if !errors.As(err, &je) || !errors.Is(err, client.ErrDecode) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return fmt.Errorf("%s: line %d is not a batch request: %s; each line must be one JSON object such as %s",
		path, je.Line, describeJSONError(je.Err), batchLineShape)
}

// describeJSONError says what is wrong with a JSON value without naming Go
// types.
func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON (at byte %d: %v)", se.Offset, se)
	case errors.As(err, &te) && te.Field == "":
		return "a JSON " + te.Value + " where an object was expected"
	case errors.As(err, &te):
		return fmt.Sprintf("field %q is a JSON %s, want %s", te.Field, te.Value, jsonKind(te.Type))
	}
	return err.Error()
}

// jsonKind names the JSON kind a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "another kind of value"
}

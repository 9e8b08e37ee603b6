package gen

// This file is hand-written: the one part of gen that is not output. The
// generated unions call it (openapi/templates/union.tmpl emits the calls),
// so every As<Variant> method and every Discriminator reads the union's
// bytes once instead of through encoding/json's double pass
// (ARCHITECTURE.md, "gen/ is output", and rule 10).

import (
	"bytes"
	"encoding/json"
	"unsafe"

	"github.com/claudego/claude/internal/jsonscan"
)

// decodeVariant decodes a union's raw JSON into its variant T exactly as
// json.Unmarshal(raw, &body) does (the generated As<Variant> body it
// replaces), for less: json.Unmarshal crosses the bytes twice byte by byte
// (validating, then finding the value's end) before the variant's own
// UnmarshalJSON crosses them again, so reading a 200 KB text block cost
// three times its length and more.
//
//   - A variant without an UnmarshalJSON, or invalid JSON, goes to
//     json.Unmarshal (for its error word for word).
//   - A TextBlock in the plain shape (see plainTextBlock) is read in one
//     walk once jsonscan.Valid (eight bytes at a time) has validated it.
//   - Any other variant gets the validated bytes directly, trimmed of the
//     space around them as encoding/json hands them to a decoder.
//
// It returns the value rather than filling a pointer so the As method's
// caller keeps no variable whose address could escape: the plain path
// allocates only the text. FuzzUnionAs holds each path to json.Unmarshal
// (ARCHITECTURE.md, rule 10).
func decodeVariant[T any](raw json.RawMessage) (T, error) {
	if _, isU := any((*T)(nil)).(json.Unmarshaler); isU && jsonscan.Valid(raw) == nil {
		if _, isText := any((*T)(nil)).(*TextBlock); isText {
			var tb TextBlock
			if plainTextBlock(raw, &tb) {
				return *(*T)(unsafe.Pointer(&tb)), nil // T is TextBlock
			}
		}
		p := new(T)
		err := any(p).(json.Unmarshaler).UnmarshalJSON(bytes.TrimSpace(raw))
		return *p, err
	}
	p := new(T)
	err := json.Unmarshal(raw, p)
	return *p, err
}

// plainTextBlock decodes raw, valid JSON, into tb when it has the plain
// shape of a text block, where the generated TextBlock.UnmarshalJSON is
// sure to yield just the text and the type: an object whose keys are
// exactly (no escapes) "type", "text" and "citations", each at most once,
// with type and text each a string or null and citations null. Any other
// shape (citations present, unknown keys kept in AdditionalProperties,
// duplicates the generated map decoding resolves) reports false and takes
// the generated decoder.
func plainTextBlock(raw []byte, tb *TextBlock) bool {
	var typ, text []byte
	var seen [3]bool
	plain := true
	err := jsonscan.EachField(raw, func(k, v []byte) bool {
		i := -1
		switch string(k) {
		case "type":
			i, typ = 0, v
		case "text":
			i, text = 1, v
		case "citations":
			i = 2
			if string(v) != "null" {
				plain = false
			}
		}
		if i < 0 || seen[i] || len(v) == 0 || v[0] != '"' && string(v) != "null" {
			plain = false
		}
		if i >= 0 {
			seen[i] = true
		}
		return plain
	})
	if err != nil || !plain {
		return false
	}
	var out TextBlock
	if typ != nil && typ[0] == '"' {
		if string(typ) == `"text"` {
			out.Type = "text" // no copy for the common case
		} else {
			s, err := jsonscan.Unquote(typ)
			if err != nil {
				return false
			}
			out.Type = TextBlockType(s)
		}
	}
	if text != nil && text[0] == '"' {
		s, err := jsonscan.Unquote(text)
		if err != nil {
			return false
		}
		out.Text = s
	}
	*tb = out
	return true
}

// fastDiscriminator returns the union's discriminator as the generated
// Discriminator method reads it (json.Unmarshal into a struct field tagged
// key) when that is sure without encoding/json: the JSON is valid and its
// last member whose key matches key as encoding/json matches
// (case-insensitively) holds a string, with no matching member of another
// kind. ok is false otherwise (invalid JSON, no such member, a number or an
// object there, a value that is not an object), and the generated method
// decodes as before, for its exact value and error.
func fastDiscriminator(raw json.RawMessage, key string) (s string, ok bool) {
	if jsonscan.Valid(raw) != nil {
		return "", false
	}
	return jsonscan.StringField(raw, key)
}

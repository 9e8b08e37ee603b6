package gen

// This file is hand-written, the one code of gen that is not output (beside
// doc.go and generate.go). The generated unions call it
// (openapi/templates/union.tmpl emits the calls), so every As<Variant>
// method and every Discriminator reads the union's bytes once instead of
// through encoding/json's double pass (ARCHITECTURE.md, rules 1 and 10).

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
//   - A TextBlock in the plain shape (see plainTextBlock) is validated and
//     decoded in one pass.
//   - Any other variant with an UnmarshalJSON gets the bytes directly once
//     jsonscan.Valid (eight bytes at a time) has validated them, trimmed of
//     the space around them as encoding/json hands them to a decoder.
//   - A variant without one, or invalid JSON, goes to json.Unmarshal (for
//     its error word for word).
//
// It returns the value rather than filling a pointer so the As method's
// caller keeps no variable whose address could escape: the plain path
// allocates only the text. FuzzUnionAs holds each path to json.Unmarshal
// (ARCHITECTURE.md, rule 10).
func decodeVariant[T any](raw json.RawMessage) (T, error) {
	if _, isText := any((*T)(nil)).(*TextBlock); isText {
		if tb, ok := plainTextBlock(raw, true); ok {
			return *(*T)(unsafe.Pointer(&tb)), nil // T is TextBlock
		}
	}
	if _, isU := any((*T)(nil)).(json.Unmarshaler); isU && jsonscan.Valid(raw) == nil {
		p := new(T)
		err := any(p).(json.Unmarshaler).UnmarshalJSON(bytes.TrimSpace(raw))
		return *p, err
	}
	p := new(T)
	err := json.Unmarshal(raw, p)
	return *p, err
}

// plainTextBlock reads raw as the generated TextBlock.UnmarshalJSON would
// when it has the plain shape of a text block, where that decoder is sure
// to yield just the text and the type: an object whose keys are exactly
// (no escapes) "type", "text" and "citations", each at most once, with
// type and text each a string or null and citations null. It reads
// strictly (jsonscan.Lexer), so it validates what it decodes, in one pass.
// ok is false for any other shape (citations present, unknown keys kept in
// AdditionalProperties, duplicates the generated map decoding resolves)
// and for input it cannot read: the caller then validates and decodes the
// slow way.
//
// Without decodeText the text is checked (jsonscan.Lexer.SkipStr) but not
// decoded, for Discriminator.
func plainTextBlock(raw []byte, decodeText bool) (tb TextBlock, ok bool) {
	p := jsonscan.Lexer{B: raw}
	if !p.Byte('{') {
		return tb, false
	}
	if p.Byte('}') {
		return tb, p.End()
	}
	var seen [3]bool
	for {
		k, ok := p.Key()
		if !ok {
			return tb, false
		}
		i := -1
		switch string(k) {
		case "type":
			i = 0
		case "text":
			i = 1
		case "citations":
			i = 2
		}
		if i < 0 || seen[i] {
			return tb, false
		}
		seen[i] = true
		if !p.Null() {
			if i == 2 {
				return tb, false // citations to decode: the generated decoder's job
			}
			if p.Space(); i == 0 && bytes.HasPrefix(raw[p.I:], []byte(`"text"`)) {
				p.I += len(`"text"`)
				tb.Type = "text" // the common case, without a copy
			} else if i == 1 && !decodeText {
				if !p.SkipStr() {
					return tb, false
				}
			} else if s, ok := p.Unquoted(); !ok {
				return tb, false
			} else if i == 0 {
				tb.Type = TextBlockType(s)
			} else {
				tb.Text = s
			}
		}
		if p.Byte('}') {
			return tb, p.End()
		}
		if !p.Byte(',') {
			return tb, false
		}
	}
}

// fastDiscriminator returns the union's discriminator as the generated
// Discriminator method reads it (json.Unmarshal into a struct field tagged
// key) when that is sure without encoding/json: the JSON is valid and its
// last member whose key matches key as encoding/json matches
// (case-insensitively) holds a string, with no matching member of another
// kind. ok is false otherwise (invalid JSON, no such member, a number or an
// object there, a value that is not an object), and the generated method
// decodes as before, for its exact value and error.
//
// A block in the plain shape of a text block (plainTextBlock), the long
// one, is read strictly without decoding its text, which costs less than
// jsonscan.Valid: its "type" is the only key that matches "type".
func fastDiscriminator(raw json.RawMessage, key string) (s string, ok bool) {
	if key == "type" {
		if tb, plain := plainTextBlock(raw, false); plain {
			return string(tb.Type), true
		}
	}
	if jsonscan.Valid(raw) != nil {
		return "", false
	}
	return jsonscan.StringField(raw, key)
}

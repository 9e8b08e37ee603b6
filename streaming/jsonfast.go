package streaming

import (
	"encoding/json"

	"github.com/claudego/claude/internal/jsonscan"
)

// fastDelta is a content_block_delta read by the hand-written fast path:
// {"type":"content_block_delta","index":N,"delta":{"type":T,F:"..."}} for the
// four common delta types, in any key order and with any white space. Any
// other shape (an extra key, a number where a string belongs, invalid UTF-8,
// a bad escape) makes parseFastDelta report false, and the caller decodes the
// event with encoding/json instead, so the fast path never changes a result:
// what it accepts is valid JSON that encoding/json reads the same way.
type fastDelta struct {
	index int64
	dtype string // interned delta type
	field string // the delta's string field: text, partial_json, thinking, signature
	val   []byte // the field's escaped string content, a sub-slice of data
	esc   bool   // val holds backslash escapes
}

// known delta types and the string field each carries.
var fastDeltaFields = [...]struct{ typ, field string }{
	{"text_delta", "text"},
	{"input_json_delta", "partial_json"},
	{"thinking_delta", "thinking"},
	{"signature_delta", "signature"},
}

// parseFastDelta reads data as a content_block_delta of a common shape.
func parseFastDelta(data []byte) (fastDelta, bool) {
	var d fastDelta
	p := jsonscan.Lexer{B: data}
	if !p.Byte('{') {
		return d, false
	}
	var haveType, haveIndex, haveDelta bool
	for first := true; ; first = false {
		if p.Byte('}') {
			break
		}
		if !first && !p.Byte(',') {
			return d, false
		}
		key, ok := p.Key()
		if !ok {
			return d, false
		}
		switch string(key) {
		case "type":
			v, esc, ok := p.Str()
			if !ok || esc || string(v) != "content_block_delta" {
				return d, false
			}
			haveType = true
		case "index":
			n, ok := p.Uint()
			if !ok {
				return d, false
			}
			d.index, haveIndex = n, true
		case "delta":
			if !fastDeltaObject(&p, &d) {
				return d, false
			}
			haveDelta = true
		default:
			return d, false
		}
	}
	return d, haveType && haveIndex && haveDelta && p.End()
}

// fastDeltaObject reads the delta object: a known type and its one field.
func fastDeltaObject(p *jsonscan.Lexer, d *fastDelta) bool {
	if !p.Byte('{') {
		return false
	}
	var typ []byte
	var field []byte
	for first := true; ; first = false {
		if p.Byte('}') {
			break
		}
		if !first && !p.Byte(',') {
			return false
		}
		key, ok := p.Key()
		if !ok {
			return false
		}
		v, esc, ok := p.Str()
		if !ok {
			return false
		}
		if string(key) == "type" {
			if esc || typ != nil {
				return false
			}
			typ = v
			continue
		}
		if field != nil {
			return false // a second payload field: not a common shape
		}
		field, d.val, d.esc = key, v, esc
	}
	for _, k := range fastDeltaFields {
		if string(typ) == k.typ && string(field) == k.field {
			d.dtype, d.field = k.typ, k.field
			return true
		}
	}
	return false
}

// unquote decodes the escaped content of a JSON string (as parseFastDelta
// returns it) into a Go string.
func unquote(v []byte, esc bool) string {
	if !esc {
		return string(v)
	}
	return string(appendUnescaped(nil, v))
}

// appendUnescaped appends the decoded content of an escaped JSON string that
// the jsonscan.Lexer has already checked, as encoding/json decodes it.
func appendUnescaped(dst, v []byte) []byte {
	out, _ := jsonscan.AppendUnescaped(dst, v) // v passed the lexer: no error
	return out
}

// rawString returns the escaped content of a raw JSON string value and true,
// or false when raw is not a string.
func rawString(raw []byte) ([]byte, bool) { return jsonscan.StringContent(raw) }

// appendQuoted appends s as a JSON string, escaping as encoding/json does
// without HTML escaping.
func appendQuoted(dst []byte, s string) []byte {
	b, _ := json.Marshal(s) // keys only: short and rare
	return append(dst, b...)
}

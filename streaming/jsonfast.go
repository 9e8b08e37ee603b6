package streaming

import (
	"encoding/json"
	"unicode/utf8"

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
	p := lexer{b: data}
	if !p.open('{') {
		return d, false
	}
	var haveType, haveIndex, haveDelta bool
	for first := true; ; first = false {
		if p.close('}') {
			break
		}
		if !first && !p.expect(',') {
			return d, false
		}
		key, ok := p.key()
		if !ok {
			return d, false
		}
		switch string(key) {
		case "type":
			v, esc, ok := p.str()
			if !ok || esc || string(v) != "content_block_delta" {
				return d, false
			}
			haveType = true
		case "index":
			n, ok := p.uint()
			if !ok {
				return d, false
			}
			d.index, haveIndex = n, true
		case "delta":
			if !p.fastDeltaObject(&d) {
				return d, false
			}
			haveDelta = true
		default:
			return d, false
		}
	}
	p.ws()
	return d, haveType && haveIndex && haveDelta && p.i == len(p.b)
}

func (p *lexer) fastDeltaObject(d *fastDelta) bool {
	if !p.open('{') {
		return false
	}
	var typ []byte
	var field []byte
	for first := true; ; first = false {
		if p.close('}') {
			break
		}
		if !first && !p.expect(',') {
			return false
		}
		key, ok := p.key()
		if !ok {
			return false
		}
		v, esc, ok := p.str()
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

// lexer is a minimal strict JSON reader for the fast path.
type lexer struct {
	b []byte
	i int
}

func (p *lexer) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *lexer) open(c byte) bool { return p.expect(c) }

func (p *lexer) expect(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *lexer) close(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// key reads an object key without escapes and the colon after it.
func (p *lexer) key() ([]byte, bool) {
	k, esc, ok := p.str()
	if !ok || esc || !p.expect(':') {
		return nil, false
	}
	return k, true
}

// str reads a string and returns its content between the quotes.
func (p *lexer) str() (v []byte, esc, ok bool) {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, false, false
	}
	start := p.i + 1
	hi := false
	for i := start; i < len(p.b); i++ {
		c := p.b[i]
		switch {
		case c == '"':
			p.i = i + 1
			v = p.b[start:i]
			if hi && !utf8.Valid(v) {
				return nil, false, false
			}
			return v, esc, true
		case c == '\\':
			esc = true
			i++
			if i >= len(p.b) {
				return nil, false, false
			}
			switch p.b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(p.b) || !isHex(p.b[i+1]) || !isHex(p.b[i+2]) || !isHex(p.b[i+3]) || !isHex(p.b[i+4]) {
					return nil, false, false
				}
				i += 4
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		case c >= 0x80:
			hi = true
		}
	}
	return nil, false, false
}

// uint reads a non-negative integer without fraction or exponent.
func (p *lexer) uint() (int64, bool) {
	p.ws()
	start := p.i
	var n int64
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		if p.i-start > 15 {
			return 0, false
		}
		n = n*10 + int64(p.b[p.i]-'0')
		p.i++
	}
	digits := p.i - start
	if digits == 0 || (digits > 1 && p.b[start] == '0') {
		return 0, false
	}
	if p.i < len(p.b) {
		switch p.b[p.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	return n, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
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
// the lexer has already checked, as encoding/json decodes it.
func appendUnescaped(dst, v []byte) []byte {
	out, _ := jsonscan.AppendUnescaped(dst, v) // v passed the lexer: no error
	return out
}

// rawString returns the escaped content of a raw JSON string value and true,
// or false when raw is not a string.
func rawString(raw []byte) ([]byte, bool) {
	p := lexer{b: raw}
	v, _, ok := p.str()
	if !ok {
		return nil, false
	}
	p.ws()
	return v, p.i == len(raw)
}

// appendQuoted appends s as a JSON string, escaping as encoding/json does
// without HTML escaping.
func appendQuoted(dst []byte, s string) []byte {
	b, _ := json.Marshal(s) // keys only: short and rare
	return append(dst, b...)
}

package streaming

import (
	"encoding/json"
	"unicode/utf8"
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

// appendUnescaped appends the decoded content of a valid escaped JSON string
// to dst, as encoding/json decodes it (lone surrogates become U+FFFD).
func appendUnescaped(dst, v []byte) []byte {
	for i := 0; i < len(v); {
		c := v[i]
		if c != '\\' {
			j := i + 1
			for j < len(v) && v[j] != '\\' {
				j++
			}
			dst = append(dst, v[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(v) {
			return dst
		}
		switch v[i+1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, n := decodeU(v[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
			continue
		default: // '"', '\\', '/'
			dst = append(dst, v[i+1])
		}
		i += 2
	}
	return dst
}

// decodeU decodes \uXXXX (and a following low surrogate) at the start of v,
// returning the rune and how many bytes it used.
func decodeU(v []byte) (rune, int) {
	r1, ok := hex4(v)
	if !ok {
		return utf8.RuneError, min(len(v), 2)
	}
	if r1 < 0xD800 || r1 > 0xDFFF {
		return r1, 6
	}
	if r1 < 0xDC00 && len(v) >= 12 && v[6] == '\\' && v[7] == 'u' {
		if r2, ok := hex4(v[6:]); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
			return (r1-0xD800)<<10 | (r2 - 0xDC00) + 0x10000, 12
		}
	}
	return utf8.RuneError, 6
}

func hex4(v []byte) (rune, bool) {
	if len(v) < 6 {
		return 0, false
	}
	var r rune
	for _, c := range v[2:6] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
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

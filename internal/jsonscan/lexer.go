package jsonscan

import (
	"bytes"
	"unicode/utf8"
	"unsafe"
)

// Lexer reads JSON tokens strictly, for fast paths over input nothing has
// validated yet (a stream event's data). Each method reports false on
// anything it does not read exactly as encoding/json would, so a caller that
// gives up on false and hands the input to encoding/json never changes a
// result: what the Lexer accepts is valid JSON with the same meaning. It is
// deliberately narrow: strings must be valid UTF-8, integers non-negative
// without fraction or exponent.
type Lexer struct {
	B []byte // the input
	I int    // the offset of the next byte to read
}

// Space skips white space.
func (p *Lexer) Space() {
	for p.I < len(p.B) {
		switch p.B[p.I] {
		case ' ', '\t', '\n', '\r':
			p.I++
		default:
			return
		}
	}
}

// Byte skips white space and then reads c, reporting whether it was there.
func (p *Lexer) Byte(c byte) bool {
	p.Space()
	if p.I < len(p.B) && p.B[p.I] == c {
		p.I++
		return true
	}
	return false
}

// End skips white space and reports whether the input is used up.
func (p *Lexer) End() bool {
	p.Space()
	return p.I == len(p.B)
}

// Key reads an object key without escapes and the colon after it.
func (p *Lexer) Key() ([]byte, bool) {
	k, esc, ok := p.Str()
	if !ok || esc || !p.Byte(':') {
		return nil, false
	}
	return k, true
}

// Str reads a string and returns its content between the quotes, still
// escaped, and whether it holds escapes. It rejects invalid UTF-8, control
// characters and bad escapes.
func (p *Lexer) Str() (v []byte, esc, ok bool) {
	p.Space()
	if p.I >= len(p.B) || p.B[p.I] != '"' {
		return nil, false, false
	}
	start := p.I + 1
	hi := false
	for i := start; i < len(p.B); i++ {
		c := p.B[i]
		switch {
		case c == '"':
			p.I = i + 1
			v = p.B[start:i]
			if hi && !utf8.Valid(v) {
				return nil, false, false
			}
			return v, esc, true
		case c == '\\':
			esc = true
			i++
			if i >= len(p.B) {
				return nil, false, false
			}
			switch p.B[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(p.B) || !IsHex(p.B[i+1]) || !IsHex(p.B[i+2]) || !IsHex(p.B[i+3]) || !IsHex(p.B[i+4]) {
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

// Unquoted reads a string strictly, as Valid reads it (no control
// character, only the escapes JSON defines), and returns it decoded as
// encoding/json decodes it (Unquote: invalid UTF-8 becomes U+FFFD),
// without Valid's separate pass: the closing quote is found with
// bytes.IndexByte, control characters are looked for eight bytes at a
// time, and AppendUnescaped refuses a bad escape as it decodes. Unlike Str
// it accepts invalid UTF-8, as encoding/json does.
func (p *Lexer) Unquoted() (string, bool) {
	p.Space()
	if p.I >= len(p.B) || p.B[p.I] != '"' {
		return "", false
	}
	end, err := stringEnd(p.B, p.I)
	if err != nil {
		return "", false
	}
	content := p.B[p.I+1 : end-1]
	if hasControl(content) {
		return "", false
	}
	var s string
	if bytes.IndexByte(content, '\\') < 0 && utf8.Valid(content) {
		s = string(content)
	} else {
		buf, err := AppendUnescaped(make([]byte, 0, len(content)), content)
		if err != nil {
			return "", false
		}
		// buf is fresh and never written again: share it, as Unquote does.
		s = unsafe.String(unsafe.SliceData(buf), len(buf))
	}
	p.I = end
	return s, true
}

// SkipStr reads a string strictly, as Unquoted does, without decoding it:
// the closing quote found with bytes.IndexByte, control characters looked
// for sixteen bytes at a time, and each escape checked where IndexByte
// finds it.
func (p *Lexer) SkipStr() bool {
	p.Space()
	if p.I >= len(p.B) || p.B[p.I] != '"' {
		return false
	}
	end, err := stringEnd(p.B, p.I)
	if err != nil {
		return false
	}
	content := p.B[p.I+1 : end-1]
	if hasControl(content) {
		return false
	}
	for i := bytes.IndexByte(content, '\\'); i >= 0; {
		if i+1 >= len(content) {
			return false
		}
		switch content[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if _, ok := hex4(content[i+2:]); !ok {
				return false
			}
			i += 6
		default:
			return false
		}
		j := bytes.IndexByte(content[i:], '\\')
		if j < 0 {
			break
		}
		i += j
	}
	p.I = end
	return true
}

// Null reads the literal null.
func (p *Lexer) Null() bool {
	p.Space()
	if len(p.B)-p.I >= 4 && string(p.B[p.I:p.I+4]) == "null" {
		p.I += 4
		return true
	}
	return false
}

// Uint reads a non-negative integer of at most 16 digits, without fraction
// or exponent.
func (p *Lexer) Uint() (int64, bool) {
	p.Space()
	start := p.I
	var n int64
	for p.I < len(p.B) && p.B[p.I] >= '0' && p.B[p.I] <= '9' {
		if p.I-start > 15 {
			return 0, false
		}
		n = n*10 + int64(p.B[p.I]-'0')
		p.I++
	}
	digits := p.I - start
	if digits == 0 || (digits > 1 && p.B[start] == '0') {
		return 0, false
	}
	if p.I < len(p.B) {
		switch p.B[p.I] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	return n, true
}

// IsHex reports whether c is a hexadecimal digit.
func IsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// StringContent returns the escaped content of raw when raw is exactly one
// JSON string (white space around it allowed), as the Lexer reads it.
func StringContent(raw []byte) ([]byte, bool) {
	p := Lexer{B: raw}
	v, _, ok := p.Str()
	if !ok {
		return nil, false
	}
	return v, p.End()
}

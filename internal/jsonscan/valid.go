package jsonscan

import (
	"encoding/binary"
	"fmt"
)

// maxDepth is encoding/json's nesting limit: json.Valid rejects deeper input.
const maxDepth = 10000

// SyntaxError is Valid's report on input encoding/json would reject: the
// byte offset where the reading stopped and what was wrong there.
type SyntaxError struct {
	Offset int64
	msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("jsonscan: %s at byte offset %d", e.msg, e.Offset)
}

// Valid checks that b is one JSON value (with optional surrounding space)
// exactly as json.Valid does, and returns a *SyntaxError naming the byte
// offset otherwise. It is the validating half the walkers lack, for fast
// paths that then cross the same bytes with the walkers: strings are
// crossed eight bytes at a time, where encoding/json's scanner calls a
// state function per byte. Like json.Valid it accepts invalid UTF-8 inside
// strings (encoding/json decodes it as U+FFFD). FuzzValid checks it
// against json.Valid.
func Valid(b []byte) error {
	v := validator{b: b}
	i := v.value(skipSpace(b, 0))
	if v.err != nil {
		return v.err
	}
	if i = skipSpace(b, i); i != len(b) {
		v.fail(i, "unexpected byte after the value")
	}
	return v.err
}

type validator struct {
	b     []byte
	depth int
	err   error
}

func (v *validator) fail(i int, msg string) int {
	if v.err == nil {
		v.err = &SyntaxError{Offset: int64(i), msg: msg}
	}
	return len(v.b)
}

// value reads the value starting at b[i] and returns the offset past it.
func (v *validator) value(i int) int {
	b := v.b
	if i >= len(b) {
		return v.fail(i, "unexpected end of JSON")
	}
	switch c := b[i]; {
	case c == '"':
		return v.str(i)
	case c == '{':
		return v.object(i)
	case c == '[':
		return v.array(i)
	case c == '-' || c >= '0' && c <= '9':
		return v.number(i)
	case c == 't':
		return v.literal(i, "true")
	case c == 'f':
		return v.literal(i, "false")
	case c == 'n':
		return v.literal(i, "null")
	}
	return v.fail(i, "invalid character looking for a value")
}

func (v *validator) literal(i int, lit string) int {
	if len(v.b)-i < len(lit) || string(v.b[i:i+len(lit)]) != lit {
		return v.fail(i, "invalid literal")
	}
	return i + len(lit)
}

func (v *validator) enter(i int) bool {
	v.depth++
	if v.depth > maxDepth {
		v.fail(i, "exceeded max depth")
		return false
	}
	return true
}

func (v *validator) object(i int) int {
	if !v.enter(i) {
		return len(v.b)
	}
	b := v.b
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		v.depth--
		return i + 1
	}
	for v.err == nil {
		if i >= len(b) || b[i] != '"' {
			return v.fail(i, "expected a string key")
		}
		i = skipSpace(b, v.str(i))
		if i >= len(b) || b[i] != ':' {
			return v.fail(i, "expected ':' after an object key")
		}
		i = skipSpace(b, v.value(skipSpace(b, i+1)))
		if v.err != nil {
			break
		}
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			v.depth--
			return i + 1
		}
		return v.fail(i, "expected ',' or '}' after an object value")
	}
	return len(b)
}

func (v *validator) array(i int) int {
	if !v.enter(i) {
		return len(v.b)
	}
	b := v.b
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		v.depth--
		return i + 1
	}
	for v.err == nil {
		i = skipSpace(b, v.value(i))
		if v.err != nil {
			break
		}
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == ']' {
			v.depth--
			return i + 1
		}
		return v.fail(i, "expected ',' or ']' after an array element")
	}
	return len(b)
}

// str reads the string opening at b[i]: no byte below 0x20, only the
// escapes JSON defines.
func (v *validator) str(i int) int {
	b := v.b
	i++
	for {
		i = plainRun(b, i)
		if i >= len(b) {
			return v.fail(i, "unexpected end of JSON in a string")
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			if i+1 >= len(b) {
				return v.fail(i, "unexpected end of JSON in a string escape")
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(b[i+2:]); !ok {
					return v.fail(i, "invalid \\u escape in a string")
				}
				i += 6
			default:
				return v.fail(i, "invalid escape in a string")
			}
		default:
			return v.fail(i, "control character in a string")
		}
	}
}

// plainRun returns the offset of the first byte at or after i that ends a
// run of plain string bytes: a quote, a backslash or a control character.
// It looks at eight bytes at a time.
func plainRun(b []byte, i int) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		// A zero byte of x^quote, x^backslash or x&0xe0 (a byte < 0x20)
		// marks a stop; the classic has-zero-byte test finds any.
		q := x ^ (lo * '"')
		s := x ^ (lo * '\\')
		ctl := x & (lo * 0xe0)
		if ((q-lo)&^q|(s-lo)&^s|(ctl-lo)&^ctl)&hi != 0 {
			break
		}
	}
	for i < len(b) {
		if c := b[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
		i++
	}
	return i
}

func (v *validator) number(i int) int {
	b := v.b
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return v.fail(i, "invalid number")
	}
	if i < len(b) && b[i] == '.' {
		if i+1 >= len(b) || b[i+1] < '0' || b[i+1] > '9' {
			return v.fail(i+1, "invalid number: no digit after the decimal point")
		}
		i = digits(b, i+1)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return v.fail(i, "invalid number: no digit in the exponent")
		}
		i = digits(b, i)
	}
	return i
}

func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// hasControl reports whether b holds a byte below 0x20, which no JSON
// string may hold raw, looking at sixteen bytes at a time.
func hasControl(b []byte) bool {
	const lo, hi, ctlMask = 0x0101010101010101, 0x8080808080808080, 0x0101010101010101 * 0xe0
	for len(b) >= 16 {
		// A byte < 0x20 is a zero byte of x&0xe0...: the has-zero-byte test.
		x := binary.LittleEndian.Uint64(b) & ctlMask
		y := binary.LittleEndian.Uint64(b[8:]) & ctlMask
		if ((x-lo)&^x|(y-lo)&^y)&hi != 0 {
			return true
		}
		b = b[16:]
	}
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

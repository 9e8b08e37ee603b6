package jsonscan

import (
	"bytes"
	"errors"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// ErrMalformed is returned for input that is not the JSON expected.
var ErrMalformed = errors.New("jsonscan: malformed JSON")

// skipSpace returns the offset of the first non-space byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// stringEnd returns the offset just past the string that opens at b[i].
func stringEnd(b []byte, i int) (int, error) {
	i++ // opening quote
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return 0, ErrMalformed
		}
		i += j
		// Count the backslashes before the quote: an odd number escapes it.
		k := i - 1
		for k >= 0 && b[k] == '\\' {
			k--
		}
		if (i-1-k)%2 == 0 {
			return i + 1, nil
		}
		i++
	}
}

// ValueEnd returns the offset just past the value that starts at b[i].
func ValueEnd(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, ErrMalformed
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				end, err := stringEnd(b, i)
				if err != nil {
					return 0, err
				}
				i = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, nil
				}
			}
			i++
		}
		return 0, ErrMalformed
	}
	// A number, true, false or null: ends at a delimiter.
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t' {
		i++
	}
	return i, nil
}

// EachField calls f with every top-level key (raw, without quotes) and value
// of the object b, in order, until f returns false.
func EachField(b []byte, f func(key, value []byte) bool) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return ErrMalformed
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for i < len(b) {
		if b[i] != '"' {
			return ErrMalformed
		}
		kend, err := stringEnd(b, i)
		if err != nil {
			return err
		}
		key := b[i+1 : kend-1]
		i = skipSpace(b, kend)
		if i >= len(b) || b[i] != ':' {
			return ErrMalformed
		}
		vstart := skipSpace(b, i+1)
		vend, err := ValueEnd(b, vstart)
		if err != nil {
			return err
		}
		if !f(key, b[vstart:vend]) {
			return nil
		}
		i = skipSpace(b, vend)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			return nil
		}
		return ErrMalformed
	}
	return ErrMalformed
}

// Field returns the raw value encoding/json decodes into a json.RawMessage
// field tagged key of a struct, from the object b: that of the last member
// whose key matches key as encoding/json matches (case-insensitively), or
// nil when none does.
func Field(b []byte, key string) []byte {
	var out []byte
	_ = EachField(b, func(k, v []byte) bool {
		if KeyMatches(k, key) {
			out = v
		}
		return true
	})
	return out
}

// ExactField returns the raw value the generated decoders (which read an
// object into a map first) take for key: that of the last member whose
// unquoted key is exactly key, or nil.
func ExactField(b []byte, key string) []byte {
	var out []byte
	_ = EachField(b, func(k, v []byte) bool {
		if bytes.IndexByte(k, '\\') < 0 {
			if string(k) == key {
				out = v
			}
		} else if u, err := AppendUnescaped(nil, k); err == nil && string(u) == key {
			out = v
		}
		return true
	})
	return out
}

// KeyMatches reports whether the raw key k (between its quotes, escapes
// and all) names the struct field tagged name for encoding/json, which
// matches keys case-insensitively (as bytes.EqualFold does).
func KeyMatches(k []byte, name string) bool {
	if bytes.IndexByte(k, '\\') < 0 {
		return len(k) == len(name) && string(k) == name || bytes.EqualFold(k, []byte(name))
	}
	u, err := AppendUnescaped(nil, k)
	return err == nil && bytes.EqualFold(u, []byte(name))
}

// Unquote decodes a JSON string token exactly as encoding/json does
// (\u surrogate pairs joined; invalid UTF-8 and lone surrogates become
// U+FFFD). The token must already have been validated as JSON.
func Unquote(tok []byte) (string, error) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", ErrMalformed
	}
	s := tok[1 : len(tok)-1]
	if bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
		return string(s), nil
	}
	buf, err := AppendUnescaped(make([]byte, 0, len(s)), s)
	if err != nil {
		return "", err
	}
	// buf is fresh and never written again: share it, as strings.Builder does.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}

// AppendUnescaped appends the decoded content of a JSON string (the bytes
// between its quotes) to dst, as encoding/json decodes it, copying runs of
// plain bytes at once.
func AppendUnescaped(dst, s []byte) ([]byte, error) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) {
				return dst, ErrMalformed
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				dst = append(dst, e)
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
				r, ok := hex4(s[i+2:])
				if !ok {
					return dst, ErrMalformed
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if r2, ok := hex4(s[i+2:]); ok {
							if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
								dst = utf8.AppendRune(dst, dec)
								i += 6
								continue
							}
						}
					}
					r = unicode.ReplacementChar
				}
				dst = utf8.AppendRune(dst, r)
				continue
			default:
				return dst, ErrMalformed
			}
			i += 2
		case c < utf8.RuneSelf:
			j := i + 1
			for j < len(s) && s[j] != '\\' && s[j] < utf8.RuneSelf {
				j++
			}
			dst = append(dst, s[i:j]...)
			i = j
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, unicode.ReplacementChar)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
		}
	}
	return dst, nil
}

// hex4 reads four hex digits as a rune.
func hex4(s []byte) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s[:4] {
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

// EachElement calls f with every element of the array b, in order, until f
// returns false.
func EachElement(b []byte, f func(elem []byte) bool) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return ErrMalformed
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return nil
	}
	for i < len(b) {
		end, err := ValueEnd(b, i)
		if err != nil {
			return err
		}
		if !f(b[i:end]) {
			return nil
		}
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == ']' {
			return nil
		}
		return ErrMalformed
	}
	return ErrMalformed
}

// StringField returns what encoding/json decodes into a string field tagged
// key of a struct, from the object b: the last member whose key matches
// (case-insensitively) and whose value is a string. ok is false when there
// is none, or when a matching member holds something other than a string or
// null: encoding/json fails then, but still leaves the last string in the
// field, and s is that string too (the generated Discriminator methods
// return it beside their error, and BlockOf names an unknown block by it).
func StringField(b []byte, key string) (s string, ok bool) {
	var last []byte
	bad := false
	_ = EachField(b, func(k, v []byte) bool {
		if !KeyMatches(k, key) {
			return true
		}
		switch {
		case string(v) == "null":
		case len(v) > 0 && v[0] == '"':
			last = v
		default:
			bad = true
		}
		return true
	})
	if last == nil {
		return "", false
	}
	s, err := Unquote(last)
	return s, err == nil && !bad
}

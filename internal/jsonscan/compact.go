package jsonscan

import "unicode/utf8"

// AppendCompact appends src to dst as encoding/json writes a Marshaler's
// output: checked (a *SyntaxError from Valid naming the byte offset, dst
// returned unchanged), then compacted (every space outside strings dropped)
// and, with escapeHTML, with <, >, & and U+2028/U+2029 inside strings
// written as \u escapes, as json.Compact and json.Marshal of a RawMessage
// do. Valid crosses strings eight bytes at a time and the copy skips them
// with IndexByte, where encoding/json's scanner calls a state function per
// byte. FuzzAppendCompact checks it against encoding/json.
func AppendCompact(dst, src []byte, escapeHTML bool) ([]byte, error) {
	spaced, err := validSpaced(src)
	if err != nil {
		return dst, err
	}
	if !spaced && !escapeHTML {
		return append(dst, src...), nil // compact already: the common case
	}
	start := 0
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '"':
			end, _ := stringEnd(src, i) // src is valid: the string ends
			if escapeHTML {
				dst = append(dst, src[start:i]...)
				dst = appendHTMLSafe(dst, src[i:end])
				start = end
			}
			i = end
		case ' ', '\t', '\n', '\r':
			dst = append(dst, src[start:i]...)
			i++
			start = i
		default:
			i++
		}
	}
	return append(dst, src[start:]...), nil
}

// appendHTMLSafe appends the JSON string s escaping <, >, & and the line
// and paragraph separators as encoding/json's compact does with escaping on.
func appendHTMLSafe(dst, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<' || c == '>' || c == '&':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			start = i + 1
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8:
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
			i += 2
			start = i + 1
		}
	}
	return append(dst, s[start:]...)
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string exactly as encoding/json encodes
// a Go string: ", \ and control bytes escaped (\b \f \n \r \t by name, the
// rest as \u00XX), invalid UTF-8 as \ufffd, U+2028 and U+2029 always
// escaped, and <, > and & only with escapeHTML (json.Encoder's
// SetEscapeHTML). FuzzAppendString checks it against encoding/json.
func AppendString(dst []byte, s string, escapeHTML bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!escapeHTML || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

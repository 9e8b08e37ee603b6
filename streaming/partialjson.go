package streaming

import (
	"errors"
	"fmt"

	"github.com/claudego/claude/internal/jsonscan"
)

// CompletePartialJSON turns the beginning of a JSON text (a tool input that
// is still streaming) into valid JSON: open strings, arrays and objects are
// closed, and a trailing piece that cannot be completed safely (a key without
// its value, a half literal such as `tru`, a number ending in `.` or `e`, a
// dangling comma or escape) is dropped. A partial string value is kept up to
// the last whole character. Insignificant white space is removed.
//
// A complete JSON text comes back compacted. Empty input (or only white
// space) gives nil. Input that can never become JSON (a stray character, a
// second value after the first) is an error.
func CompletePartialJSON(b []byte) ([]byte, error) {
	var (
		out   = make([]byte, 0, len(b)+8)
		stack []byte     // '{' or '[' per open container
		cpOut        = 0 // out length at the last safe point
		cpTop        = 0 // stack depth at the last safe point
		done         = false
		// expect: what may come next in the innermost container.
		// 'v' value, 'k' key (or '}' right after '{'), ':' colon,
		// ',' comma or closer.
		expect byte = 'v'
		empty       = false // the innermost container has no member yet
	)
	checkpoint := func() { cpOut, cpTop = len(out), len(stack) }
	afterValue := func() {
		if len(stack) == 0 {
			done = true
		}
		expect = ','
		checkpoint()
	}
	i := 0
	for i < len(b) {
		c := b[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		if done {
			return nil, fmt.Errorf("partial JSON: unexpected %q after the value at offset %d", c, i)
		}
		switch expect {
		case ',':
			switch {
			case c == ',':
				out = append(out, c)
				i++
				if stack[len(stack)-1] == '{' {
					expect = 'k'
				} else {
					expect = 'v'
				}
				empty = false
				continue
			case c == '}' && stack[len(stack)-1] == '{', c == ']' && stack[len(stack)-1] == '[':
				out = append(out, c)
				stack = stack[:len(stack)-1]
				i++
				afterValue()
				continue
			}
			return nil, fmt.Errorf("partial JSON: unexpected %q at offset %d", c, i)
		case ':':
			if c != ':' {
				return nil, fmt.Errorf("partial JSON: unexpected %q at offset %d, want ':'", c, i)
			}
			out = append(out, c)
			i++
			expect = 'v'
			continue
		case 'k':
			if c == '}' && empty {
				out = append(out, c)
				stack = stack[:len(stack)-1]
				i++
				afterValue()
				continue
			}
			if c != '"' {
				return nil, fmt.Errorf("partial JSON: unexpected %q at offset %d, want a key", c, i)
			}
			n, complete, err := scanString(b[i:])
			if err != nil {
				return nil, err
			}
			if !complete {
				i = len(b)
				continue
			}
			out = append(out, b[i:i+n]...)
			i += n
			expect = ':'
			continue
		}
		// expect == 'v'
		switch {
		case c == '{' || c == '[':
			out = append(out, c)
			stack = append(stack, c)
			i++
			if c == '{' {
				expect = 'k'
			} else {
				expect = 'v'
			}
			empty = true
			checkpoint()
		case c == ']' && empty && len(stack) > 0 && stack[len(stack)-1] == '[':
			out = append(out, c)
			stack = stack[:len(stack)-1]
			i++
			afterValue()
		case c == '"':
			n, complete, err := scanString(b[i:])
			if err != nil {
				return nil, err
			}
			if complete {
				out = append(out, b[i:i+n]...)
				i += n
				afterValue()
				continue
			}
			// A partial string value: keep it up to the last whole
			// character or escape, then close it.
			out = append(out, b[i:i+n]...)
			out = append(out, '"')
			i = len(b)
			checkpoint()
		case c == '-' || c >= '0' && c <= '9':
			n, safe, err := scanNumber(b[i:])
			if err != nil {
				return nil, fmt.Errorf("partial JSON: bad number at offset %d", i)
			}
			if i+n == len(b) {
				// The number may go on: keep its longest valid prefix.
				if safe > 0 {
					out = append(out, b[i:i+safe]...)
					checkpoint()
				}
				i = len(b)
				continue
			}
			if safe != n {
				return nil, fmt.Errorf("partial JSON: bad number at offset %d", i)
			}
			out = append(out, b[i:i+n]...)
			i += n
			afterValue()
		case c == 't' || c == 'f' || c == 'n':
			lit := "null"
			if c == 't' {
				lit = "true"
			} else if c == 'f' {
				lit = "false"
			}
			rest := b[i:]
			n := min(len(rest), len(lit))
			if string(rest[:n]) != lit[:n] {
				return nil, fmt.Errorf("partial JSON: unexpected %q at offset %d", c, i)
			}
			if n < len(lit) {
				i = len(b) // half a literal: dropped
				continue
			}
			out = append(out, lit...)
			i += n
			afterValue()
		default:
			return nil, fmt.Errorf("partial JSON: unexpected %q at offset %d", c, i)
		}
	}
	out = out[:cpOut]
	if cpOut == 0 {
		return nil, nil
	}
	for k := cpTop - 1; k >= 0; k-- {
		if n := len(out); n > 0 && out[n-1] == ',' {
			out = out[:n-1]
		}
		if stack[k] == '{' {
			out = append(out, '}')
		} else {
			out = append(out, ']')
		}
	}
	return out, nil
}

var errBadString = errors.New("partial JSON: bad string")

// scanString scans a string starting at b[0] == '"'. For a complete string it
// returns its length with both quotes; for a cut one, the length of the part
// that is safe to close (no half escape, no half UTF-8 sequence).
func scanString(b []byte) (n int, complete bool, err error) {
	safe := 1
	for i := 1; i < len(b); {
		c := b[i]
		switch {
		case c == '"':
			return i + 1, true, nil
		case c == '\\':
			if i+1 >= len(b) {
				return safe, false, nil
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					for _, h := range b[i+2:] {
						if !jsonscan.IsHex(h) {
							return 0, false, errBadString
						}
					}
					return safe, false, nil
				}
				for _, h := range b[i+2 : i+6] {
					if !jsonscan.IsHex(h) {
						return 0, false, errBadString
					}
				}
				i += 6
			default:
				return 0, false, errBadString
			}
		case c < 0x20:
			return 0, false, errBadString
		case c < 0x80:
			i++
		default:
			// a multi-byte character: keep it only when whole
			size := 1
			switch {
			case c >= 0xF0:
				size = 4
			case c >= 0xE0:
				size = 3
			case c >= 0xC0:
				size = 2
			}
			for k := 1; k < size; k++ {
				if i+k >= len(b) {
					return safe, false, nil // cut inside the character
				}
				if b[i+k]&0xC0 != 0x80 {
					size = 1 // invalid UTF-8: step one byte
					break
				}
			}
			i += size
		}
		safe = i
	}
	return safe, false, nil
}

// scanNumber scans a JSON number at the start of b. n is how many bytes look
// like part of a number; safe is the length of its longest prefix that is a
// valid number on its own (0 if none).
func scanNumber(b []byte) (n, safe int, err error) {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return i, 0, nil
	}
	switch {
	case b[i] == '0':
		i++
	case b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return i, 0, errBadNumber
	}
	safe = i
	if i < len(b) && b[i] == '.' {
		end, ok, err := digitRun(b, i+1)
		if !ok {
			return end, safe, err
		}
		i, safe = end, end
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		end, ok, err := digitRun(b, i)
		if !ok {
			return end, safe, err
		}
		i, safe = end, end
	}
	return i, safe, nil
}

// digitRun reads the digits of a fraction or exponent from b[i:]. ok is
// false when there are none: err is errBadNumber unless the input simply ends
// there (a number still arriving).
func digitRun(b []byte, i int) (end int, ok bool, err error) {
	d := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	switch {
	case i > d:
		return i, true, nil
	case i < len(b):
		return i, false, errBadNumber
	}
	return i, false, nil
}

var errBadNumber = errors.New("partial JSON: bad number")

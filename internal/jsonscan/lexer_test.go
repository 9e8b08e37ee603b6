package jsonscan_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/claudego/claude/internal/jsonscan"
)

func TestLexer(t *testing.T) {
	t.Parallel()
	p := jsonscan.Lexer{B: []byte(` { "k" : "v\n" , "n" : 12 } `)}
	if !p.Byte('{') {
		t.Fatal("no {")
	}
	if k, ok := p.Key(); !ok || string(k) != "k" {
		t.Fatalf("Key = %q %v", k, ok)
	}
	if v, esc, ok := p.Str(); !ok || !esc || string(v) != `v\n` {
		t.Fatalf("String = %q %v %v", v, esc, ok)
	}
	if !p.Byte(',') {
		t.Fatal("no ,")
	}
	if k, ok := p.Key(); !ok || string(k) != "n" {
		t.Fatalf("Key = %q %v", k, ok)
	}
	if n, ok := p.Uint(); !ok || n != 12 {
		t.Fatalf("Uint = %d %v", n, ok)
	}
	if !p.Byte('}') || !p.End() {
		t.Fatal("not at the end")
	}
	for _, bad := range []string{`"a`, `"\x"`, "\"\x01\"", "\"\xff\"", `"\u12"`, `x`} {
		p := jsonscan.Lexer{B: []byte(bad)}
		if _, _, ok := p.Str(); ok {
			t.Errorf("String accepted %q", bad)
		}
	}
	for _, bad := range []string{`01`, `-1`, `1.0`, `1e2`, ``, `12345678901234567`} {
		p := jsonscan.Lexer{B: []byte(bad)}
		if _, ok := p.Uint(); ok {
			t.Errorf("Uint accepted %q", bad)
		}
	}
	if v, ok := jsonscan.StringContent([]byte(` "a\"b" `)); !ok || string(v) != `a\"b` {
		t.Fatalf("StringContent = %q %v", v, ok)
	}
	if _, ok := jsonscan.StringContent([]byte(`"a" "b"`)); ok {
		t.Fatal("StringContent accepted two strings")
	}
}

var plainUint = regexp.MustCompile(`^[ \t\r\n]*(0|[1-9][0-9]{0,15})[ \t\r\n]*$`)

// FuzzLexer: what the Lexer reads as a string or an integer, encoding/json
// reads as the same value (it may refuse what encoding/json takes, never the
// reverse); and it takes every valid-UTF-8 string and every short plain
// integer, so the fast paths built on it stay fast.
func FuzzLexer(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\"b\\"`, `"\ud83d\ude00\u00e9\n\t\/"`, `"\ud800x"`, "\"\xff\"", "\"\x7f\"",
		`12`, `0`, `007`, `-1`, `1.5`, `1e3`, ` 42 `, `9999999999999999`, `99999999999999999`, `"a" x`,
		"\"a\x01b\"", "\"\x1f\"", "\"caf\xc3\xa9 \\\"q\\\" \xff\"", ` null `, `nul`, `nullx`, `"\u00"`, `"a\`,
		"\"0123456789abcdef01234\x1f6789\"", "\"0123456789a\x00cdef0123456789\"", "\"0123456789abcdef0123456789abcdef\"", `"\\\\"`, `"\\\\\"`, `"a\\u00e9\\\\\\u12"`, `"\\\\u0041"`, `"a\u00e9\\\u12"`, `"\u0041\q"`, `"x\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		p := jsonscan.Lexer{B: in}
		v, esc, ok := p.Str()
		ok = ok && p.End()
		var s string
		jerr := json.Unmarshal(in, &s)
		isNull := string(bytes.TrimSpace(in)) == "null" // encoding/json takes it, leaving s
		if ok {
			if jerr != nil {
				t.Fatalf("Lexer read %q as a string, encoding/json: %v", in, jerr)
			}
			got, err := jsonscan.AppendUnescaped(nil, v)
			if err != nil || string(got) != s || esc != bytes.ContainsRune(v, '\\') {
				t.Fatalf("Lexer read %q as %q (esc %v, %v), encoding/json as %q", in, got, esc, err, s)
			}
		} else if jerr == nil && utf8.Valid(in) && !isNull {
			t.Fatalf("Lexer refused the valid string %q", in)
		}
		// Unquoted takes exactly the strings encoding/json takes, invalid
		// UTF-8 too, and decodes them the same.
		p = jsonscan.Lexer{B: in}
		u, uok := p.Unquoted()
		uok = uok && p.End()
		if uok && (jerr != nil || u != s) {
			t.Fatalf("Unquoted read %q as %q, encoding/json as %q, %v", in, u, s, jerr)
		}
		if !uok && jerr == nil && !isNull {
			t.Fatalf("Unquoted refused the valid string %q (encoding/json: %q)", in, s)
		}
		// SkipStr takes exactly what Unquoted takes.
		p = jsonscan.Lexer{B: in}
		if skip := p.SkipStr() && p.End(); skip != uok {
			t.Fatalf("SkipStr on %q = %v, Unquoted %v", in, skip, uok)
		}
		p = jsonscan.Lexer{B: in}
		if null := p.Null() && p.End(); null != isNull {
			t.Fatalf("Null on %q = %v", in, null)
		}
		p = jsonscan.Lexer{B: in}
		n, ok := p.Uint()
		ok = ok && p.End()
		var want int64
		jerr = json.Unmarshal(in, &want)
		if ok && (jerr != nil || n != want) {
			t.Fatalf("Lexer read %q as %d, encoding/json as %d, %v", in, n, want, jerr)
		}
		if !ok && plainUint.Match(in) {
			t.Fatalf("Lexer refused the plain integer %q", in)
		}
	})
}

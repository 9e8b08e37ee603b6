package jsonscan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/claudego/claude/internal/jsonscan"
)

// FuzzValid: Valid accepts exactly what json.Valid accepts.
func FuzzValid(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":[{"c":"\""}]}`, ` [1, -0.5e+3, true, false, null, "x\u00e9\n"] `, `{}`, `[]`, `""`,
		`{"a":}`, `{"a" 1}`, `[1,]`, `{"a":1,}`, `01`, `-`, `1.`, `1e`, `1e+`, `.5`, `+1`, `-01`,
		`"\x"`, `"\u12"`, `"\u12g4"`, "\"a\x01b\"", "\"\xff\xfe\"", `"abcdefgh\"ijklmnop"`, `"abcdefghijklmnop\`,
		`tru`, `nul`, `falsey`, `{"a":1}x`, `{"a":1} `, "\t\n\r 1 \t", `[[[[]]]]`, `{"a":[1,{"b":null}]}`,
		"\"0123456789abcdef\x1f\"", `"0123456789abcd\\"`, `{"content":[{"type":"text","text":"hi"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		err := jsonscan.Valid(in)
		if want := json.Valid(in); (err == nil) != want {
			t.Fatalf("Valid(%q) = %v, json.Valid says %v", in, err, want)
		}
		var se *jsonscan.SyntaxError
		if err != nil && (!errors.As(err, &se) || se.Offset < 0 || se.Offset > int64(len(in))) {
			t.Fatalf("Valid(%q) = %v: not a SyntaxError with an offset inside the input", in, err)
		}
		// ValidObject: valid exactly for valid objects, and the members it
		// hands over are EachField's.
		var got, want [][2]string
		members, oerr := jsonscan.ValidObject(in, nil)
		for _, m := range members {
			got = append(got, [2]string{string(m.Key), string(m.Value)})
		}
		isObject := err == nil && jsonscan.EachField(in, func(k, v []byte) bool {
			want = append(want, [2]string{string(k), string(v)})
			return true
		}) == nil
		if (oerr == nil) != isObject || oerr == nil && !slices.Equal(got, want) {
			t.Fatalf("ValidObject(%q) = %v with %q; Valid %v, EachField %q", in, oerr, got, err, want)
		}
	})
}

// TestValidObjectDepth: ValidObject counts its object as one level of
// nesting, as Valid does.
func TestValidObjectDepth(t *testing.T) {
	for _, n := range []int{9999, 10000} {
		in := []byte(`{"a":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`)
		_, err := jsonscan.ValidObject(in, nil)
		if (err == nil) != json.Valid(in) {
			t.Fatalf("depth %d: ValidObject = %v, json.Valid = %v", n+1, err, json.Valid(in))
		}
	}
}

// TestValidDepth: nesting past encoding/json's limit is refused, as
// json.Valid refuses it, and the error names the offset.
func TestValidDepth(t *testing.T) {
	for _, n := range []int{10000, 10001} {
		in := []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
		if err := jsonscan.Valid(in); (err == nil) != json.Valid(in) {
			t.Fatalf("depth %d: Valid = %v, json.Valid = %v", n, err, json.Valid(in))
		}
	}
	err := jsonscan.Valid([]byte(`{"a":"b` + "\x01" + `"}`))
	if err == nil || !strings.Contains(err.Error(), "offset 7") {
		t.Fatalf("control character: %v, want an error naming offset 7", err)
	}
}

// TestValidStringBytes: every string of up to five bytes over the bytes
// that stop plainRun's eight-byte scan (quote, backslash, control bytes)
// and their neighbours (which a borrow in its zero-byte test could
// misflag), at every alignment, is judged as json.Valid judges it.
func TestValidStringBytes(t *testing.T) {
	alphabet := []byte{'a', '"', '\\', 0x1f, 0x20, 0x21, 0x01, 0x80}
	var cur []byte
	var walk func(n int)
	walk = func(n int) {
		for pad := 0; pad < 8; pad++ {
			in := append(append(append([]byte(`["`), bytes.Repeat([]byte("x"), pad)...), cur...), `","abcdefghij"]`...)
			if got, want := jsonscan.Valid(in) == nil, json.Valid(in); got != want {
				t.Fatalf("Valid(%q) = %v, json.Valid %v", in, got, want)
			}
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			cur = append(cur, c)
			walk(n - 1)
			cur = cur[:len(cur)-1]
		}
	}
	walk(5)
}

package jsonscan_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claudego/claude/internal/jsonscan"
)

func TestEachFieldAndElement(t *testing.T) {
	obj := ` { "a" : 1 , "b\"c": {"x":[1,"]}"]}, "d":"\\", "e":[ ] ,"f":null} `
	var keys, vals []string
	if err := jsonscan.EachField([]byte(obj), func(k, v []byte) bool {
		keys = append(keys, string(k))
		vals = append(vals, string(v))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(keys, "|"); got != `a|b\"c|d|e|f` {
		t.Fatalf("keys %s", got)
	}
	if got := strings.Join(vals, "|"); got != `1|{"x":[1,"]}"]}|"\\"|[ ]|null` {
		t.Fatalf("values %s", got)
	}
	var elems []string
	if err := jsonscan.EachElement([]byte(`[ {"a":"}"} , 2,"x",[[]] ]`), func(e []byte) bool {
		elems = append(elems, string(e))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(elems, "|"); got != `{"a":"}"}|2|"x"|[[]]` {
		t.Fatalf("elements %s", got)
	}
	for _, bad := range []string{``, `[`, `{"a"}`, `{"a":1`, `{"a":"x}`, `[1,`, `{"a":1 "b":2}`} {
		if err := jsonscan.EachField([]byte(bad), func(k, v []byte) bool { return true }); err == nil {
			if err := jsonscan.EachElement([]byte(bad), func([]byte) bool { return true }); err == nil {
				t.Errorf("%q walked without error", bad)
			}
		}
	}
	if s, ok := jsonscan.StringField([]byte(`{"type":"te\u0078t","text":1}`), "type"); !ok || s != "text" {
		t.Fatalf("StringField = %q %v", s, ok)
	}
	if _, ok := jsonscan.StringField([]byte(`{"text":1}`), "text"); ok {
		t.Fatal("a number read as a string")
	}
}

// FuzzWalk: no input makes the walkers panic or loop, and on valid objects
// EachField finds exactly the keys encoding/json finds.
func FuzzWalk(f *testing.F) {
	f.Add(`{"a":1,"b":[{"c":"\""}]}`)
	f.Add(`[1,{"x":"]"},"\\"]`)
	f.Fuzz(func(t *testing.T, in string) {
		n := 0
		_ = jsonscan.EachField([]byte(in), func(k, v []byte) bool { n++; return true })
		_ = jsonscan.EachElement([]byte(in), func([]byte) bool { return true })
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(in), &m) != nil {
			return
		}
		seen := map[string]bool{}
		if err := jsonscan.EachField([]byte(in), func(k, v []byte) bool {
			key, err := jsonscan.Unquote([]byte(`"` + string(k) + `"`))
			if err != nil {
				t.Fatalf("key %q: %v", k, err)
			}
			seen[key] = true
			if !json.Valid(v) {
				t.Fatalf("value %q of %q is not JSON", v, key)
			}
			return true
		}); err != nil {
			t.Fatalf("valid object %q: %v", in, err)
		}
		if len(seen) != len(m) {
			t.Fatalf("keys %v, encoding/json has %d", seen, len(m))
		}
	})
}

// FuzzUnquote: the fast string decoder agrees with encoding/json.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\"b"`, `"\ud83d\ude00"`, `"\ud800x"`, `"\u00e9\n\t\/"`, "\"\xff\xfe\"", `"\\"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		var want string
		if strings.TrimSpace(tok) != tok || json.Unmarshal([]byte(tok), &want) != nil {
			return // tokens come from the scanner: valid and without surrounding space
		}
		got, err := jsonscan.Unquote([]byte(tok))
		if err != nil || got != want {
			t.Fatalf("Unquote(%q) = %q, %v; encoding/json says %q", tok, got, err, want)
		}
	})
}

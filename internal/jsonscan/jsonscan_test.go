package jsonscan_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
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
	// encoding/json errs on the array but leaves the last string in the
	// field; StringField says both (FuzzMessageDecode found the difference).
	if s, ok := jsonscan.StringField([]byte(`{"tYpe":[],"type":"0"}`), "type"); ok || s != "0" {
		t.Fatalf("StringField after a bad member = %q %v, want \"0\" false", s, ok)
	}
	if _, ok := jsonscan.StringField([]byte(`{"text":1}`), "text"); ok {
		t.Fatal("a number read as a string")
	}
}

// decoderMembers lists the members of the JSON object or array in as
// encoding/json's Decoder reads them: unquoted keys (none for an array) and
// raw values.
func decoderMembers(in []byte) (keys []string, values [][]byte, err error) {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber() // a number is a token here, whatever its range
	open, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	for dec.More() {
		if open == json.Delim('{') {
			k, err := dec.Token()
			if err != nil {
				return nil, nil, err
			}
			keys = append(keys, k.(string))
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		values = append(values, v)
	}
	return keys, values, nil
}

var simpleKey = regexp.MustCompile(`^[A-Za-z0-9_]{1,20}$`)

// fieldsAgree checks StringField and Field against encoding/json decoding
// the valid object in into a struct with a string field, and one with a
// json.RawMessage field, tagged key.
func fieldsAgree(t *testing.T, in []byte, key string) {
	t.Helper()
	tag := reflect.StructTag(`json:"` + key + `"`)
	sv := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "T", Type: reflect.TypeFor[string](), Tag: tag}}))
	serr := json.Unmarshal(in, sv.Interface())
	got, ok := jsonscan.StringField(in, key)
	want := sv.Elem().Field(0).String()
	switch {
	case serr != nil && ok:
		t.Fatalf("StringField(%q, %q) = %q, but encoding/json: %v", in, key, got, serr)
	case serr != nil && got != want:
		t.Fatalf("StringField(%q, %q) = %q, but encoding/json leaves %q beside its error", in, key, got, want)
	case serr == nil && ok && got != want:
		t.Fatalf("StringField(%q, %q) = %q, encoding/json %q", in, key, got, want)
	case serr == nil && !ok && want != "":
		t.Fatalf("StringField(%q, %q) found none, encoding/json %q", in, key, want)
	}
	rv := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "T", Type: reflect.TypeFor[json.RawMessage](), Tag: tag}}))
	if err := json.Unmarshal(in, rv.Interface()); err != nil {
		t.Fatalf("RawMessage field of %q: %v", in, err)
	}
	if raw := rv.Elem().Field(0).Bytes(); !bytes.Equal(jsonscan.Field(in, key), raw) {
		t.Fatalf("Field(%q, %q) = %q, encoding/json %q", in, key, jsonscan.Field(in, key), raw)
	}
}

// FuzzWalk: no input makes the walkers panic or loop; on valid JSON,
// EachField and EachElement find exactly the members encoding/json's
// Decoder finds (keys unquoted by Unquote, raw values byte for byte), in
// order, duplicates included; ValueEnd ends every value where
// encoding/json does; and Field and StringField find what encoding/json
// decodes into a struct field.
func FuzzWalk(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":[{"c":"\""}]}`, `[1,{"x":"]"},"\\"]`, ` { "a" : 1 , "a" : [ ] } `,
		`{"k\u0041":"v","\ud83d\ude00":{},"x":"\\\""}`, `[]`, `{}`, `[[],{},"",0,-1.5e3,true,false,null]`,
		"{\"\xff\":1}", `{"a":"b\\"}`, `"str"`, `12`, `null`,
		`{"type":"a","TYPE":"b"}`, `{"type":"a","type":null}`, `{"type":"a","Type":1}`, `{"t\u0079pe":"x"}`,
		`{"typ\u0065":null}`, "{\"\u212aey\":\"kelvin\",\"key\":1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		_ = jsonscan.EachField(in, func(k, v []byte) bool { return true })
		_ = jsonscan.EachElement(in, func([]byte) bool { return true })
		_, _ = jsonscan.ValueEnd(in, 0)
		_ = jsonscan.TopLevelNull(in, "a")
		if !json.Valid(in) {
			return
		}
		start := len(in) - len(bytes.TrimLeft(in, " \t\r\n"))
		if end, err := jsonscan.ValueEnd(in, start); err != nil || end != len(bytes.TrimRight(in, " \t\r\n")) {
			t.Fatalf("ValueEnd(%q) = %d, %v; want %d", in, end, err, len(bytes.TrimRight(in, " \t\r\n")))
		}
		var keys []string
		var values [][]byte
		var walkErr error
		switch in[start] {
		case '{':
			walkErr = jsonscan.EachField(in, func(k, v []byte) bool {
				key, err := jsonscan.Unquote([]byte(`"` + string(k) + `"`))
				if err != nil {
					t.Fatalf("key %q: %v", k, err)
				}
				keys = append(keys, key)
				values = append(values, v)
				return true
			})
		case '[':
			walkErr = jsonscan.EachElement(in, func(v []byte) bool {
				values = append(values, v)
				return true
			})
		default:
			if jsonscan.EachField(in, func(k, v []byte) bool { return true }) == nil ||
				jsonscan.EachElement(in, func([]byte) bool { return true }) == nil {
				t.Fatalf("walked a scalar %q without error", in)
			}
			return
		}
		if walkErr != nil {
			t.Fatalf("valid %q: %v", in, walkErr)
		}
		wantKeys, wantValues, err := decoderMembers(in)
		if err != nil {
			t.Fatalf("decoder on valid %q: %v", in, err)
		}
		if in[start] == '{' {
			fieldsAgree(t, in, "type")
			if len(keys) > 0 && simpleKey.MatchString(keys[0]) {
				fieldsAgree(t, in, keys[0])
			}
		}
		if !reflect.DeepEqual(keys, wantKeys) || len(values) != len(wantValues) {
			t.Fatalf("%q: keys %q (%d values), encoding/json %q (%d values)", in, keys, len(values), wantKeys, len(wantValues))
		}
		for i := range values {
			if !bytes.Equal(values[i], wantValues[i]) {
				t.Fatalf("%q: member %d is %q, encoding/json %q", in, i, values[i], wantValues[i])
			}
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

package streaming

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// splitObjectDecoder is splitObject as it was written first, on
// encoding/json's Decoder: the reference the walker-based splitObject must
// agree with on every input encoding/json accepts.
func splitObjectDecoder(raw []byte) (object, error) {
	var o object
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	t, err := dec.Token()
	if err != nil {
		return o, err
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return o, fmt.Errorf("want a JSON object, got %s", firstBytes(raw))
	}
	for dec.More() {
		if len(o.fields) >= maxFields {
			return o, fmt.Errorf("an object of more than %d members", maxFields)
		}
		t, err := dec.Token()
		if err != nil {
			return o, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return o, err
		}
		o.fields = append(o.fields, field{key: t.(string), raw: v})
	}
	if _, err := dec.Token(); err != nil {
		return o, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return o, errors.New("data after the JSON object")
	}
	return o, nil
}

// FuzzSplitObject: on every input encoding/json accepts, splitObject finds
// the same members (keys decoded the same, values the same raw bytes) and
// fails with the same message as the Decoder-based reference.
func FuzzSplitObject(f *testing.F) {
	for _, d := range recordedData(f) {
		f.Add(d)
	}
	for _, s := range []string{
		`{}`, ` { } `, `null`, `[1,2]`, `"s"`, `12`, `true`,
		`{"a":1,"a":2}`, `{"a\u0062":{"x":[1,{"y":"}"}]},"c":"q\"uote"}`,
		"{\"\xff\":1}", `{"\ud800":1}`, `{"k" : "v" , "n":-1.5e3 ,"z":null}`,
		`{"message":{"id":"m","content":[],"usage":{"input_tokens":1}}}`,
		`{"a":{}, "b":[], "c":""}`, "{\n\t\"a\"\r\n:\t1\n}",
		`[]`, ` [ {"type":"text","text":"a"} , 1 ,"x"] `, `"a\u00e9\ud800"`, "\"\xff\"", `{"a":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return
		}
		agreeElementsAndString(t, b)
		got, gerr := splitObject(b, nil)
		want, werr := splitObjectDecoder(b)
		if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Fatalf("%q: error %v, reference %v", b, gerr, werr)
		}
		if gerr != nil {
			return
		}
		if len(got.fields) != len(want.fields) {
			t.Fatalf("%q: %d fields, reference %d", b, len(got.fields), len(want.fields))
		}
		for i := range got.fields {
			g, w := got.fields[i], want.fields[i]
			if g.key != w.key || !bytes.Equal(g.raw, w.raw) {
				t.Fatalf("%q: field %d is %q: %s, reference %q: %s", b, i, g.key, g.raw, w.key, w.raw)
			}
		}
	})
}

// agreeElementsAndString checks rawElements and rawStringValue against
// json.Unmarshal into []json.RawMessage and into a string.
func agreeElementsAndString(t *testing.T, b []byte) {
	var want []json.RawMessage
	werr := json.Unmarshal(b, &want)
	got, gerr := rawElements(b)
	if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
		t.Fatalf("%q: rawElements error %v, encoding/json %v", b, gerr, werr)
	}
	if gerr == nil {
		if len(got) != len(want) {
			t.Fatalf("%q: %d elements, encoding/json %d", b, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%q: element %d is %s, encoding/json %s", b, i, got[i], want[i])
			}
		}
	}
	var ws string
	_ = json.Unmarshal(b, &ws)
	if gs := rawStringValue(b); gs != ws {
		t.Fatalf("%q: rawStringValue %q, encoding/json %q", b, gs, ws)
	}
}

// TestSplitObjectTooManyMembers: the member bound holds on the walker too.
func TestSplitObjectTooManyMembers(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i <= maxFields; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":%d`, i, i)
	}
	b.WriteString("}")
	_, err := splitObject([]byte(b.String()), nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("more than %d members", maxFields)) {
		t.Fatalf("error %v, want one naming the bound", err)
	}
}

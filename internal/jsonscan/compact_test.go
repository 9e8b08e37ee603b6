package jsonscan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/claudego/claude/internal/jsonscan"
)

// compactSeeds hold what the encoders meet: spaces inside and outside
// strings, escaped quotes and backslashes before a closing quote, HTML
// characters, the separators U+2028/U+2029, invalid UTF-8, and invalid JSON.
var compactSeeds = []string{
	`{"a":1,"b":[{"c":"\""}]}`, ` [1 , -0.5e+3,	true, false, null, "x\u00e9\n"] `, "{ \"a b\" : \"c d\" }\n",
	`[{"type":"text","text":"Hello world. Hello world."}]`, `"<a href=\"x\">&amp;</a>"`, "\"line\u2028para\u2029\"",
	"\"\xe2\x80\"", "\"\xff\xfe<\"", `"abc\\"`, `"abc\\\"" `, `{"a":}`, `[1,]`, `01`, ``, ` `, `"x`, `{"a":1}x`,
	"[\"\xe2\x80\xa8\", \"\xe2\x80\xa9\"]", `{"k":"v"}   `,
}

// FuzzAppendCompact: AppendCompact accepts exactly what json.Compact
// accepts and writes the same bytes, without and with HTML escaping (the
// latter as json.Marshal writes a RawMessage); on bad input it returns a
// *SyntaxError and dst unchanged.
func FuzzAppendCompact(f *testing.F) {
	for _, s := range compactSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		prefix := []byte("pre")
		got, err := jsonscan.AppendCompact(prefix, in, false)
		var want bytes.Buffer
		werr := json.Compact(&want, in)
		if (err == nil) != (werr == nil) {
			t.Fatalf("AppendCompact(%q) error %v, json.Compact %v", in, err, werr)
		}
		if err != nil {
			var se *jsonscan.SyntaxError
			if !errors.As(err, &se) || !bytes.Equal(got, prefix) {
				t.Fatalf("AppendCompact(%q) = %q, %v: want dst unchanged and a SyntaxError", in, got, err)
			}
			return
		}
		if !bytes.Equal(got[len(prefix):], want.Bytes()) {
			t.Fatalf("AppendCompact(%q) = %q, json.Compact %q", in, got[len(prefix):], want.Bytes())
		}
		html, err := jsonscan.AppendCompact(nil, in, true)
		wantHTML, werr := json.Marshal(json.RawMessage(in))
		if err != nil || werr != nil || !bytes.Equal(html, wantHTML) {
			t.Fatalf("AppendCompact(%q, escapeHTML) = %q, %v; json.Marshal %q, %v", in, html, err, wantHTML, werr)
		}
	})
}

// FuzzAppendString: AppendString writes what encoding/json writes for a
// string, with json.Encoder's HTML escaping off and on.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "Hello", "a\"b\\c", "\b\f\n\r\t\x00\x1f\x7f", "<&>", "\u2028\u2029", "\xff", "é\xe2\x80", "日本語"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, esc := range []bool{false, true} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(esc)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			got := jsonscan.AppendString([]byte("x"), s, esc)
			if !bytes.Equal(got[1:], bytes.TrimSuffix(want.Bytes(), []byte("\n"))) || got[0] != 'x' {
				t.Fatalf("AppendString(%q, escapeHTML=%v) = %q, encoding/json %q", s, esc, got[1:], want.Bytes())
			}
		}
	})
}

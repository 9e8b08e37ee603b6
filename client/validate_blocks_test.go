package client

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"testing"
)

// FuzzBase64Check: the in-place base64 check of image data agrees with
// encoding/json decoding the string and encoding/base64 (StdEncoding)
// decoding the result: it flags exactly the strings those reject, and the
// empty string.
func FuzzBase64Check(f *testing.F) {
	for _, s := range []string{`"iVBORw0KGgo="`, `"iVBOR*w0"`, `"AAAA"`, `"AAA="`, `"AA=="`, `"A==="`, `"AA="`, `"AAA"`, `"A"`,
		`"AA==AA=="`, `"AB=C"`, `""`, `"a\/b+"`, `"a\/b+AAA"`, `"\u0041AAA"`, `"AA\nAA"`, `"AA\\AA"`, `5`, `null`, `"AAAA\/\/\/="`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, tok []byte) {
		var s string
		if json.Unmarshal(tok, &s) != nil || !bytes.Equal(tok, bytes.TrimSpace(tok)) || tok[0] != '"' {
			return // the check gets a valid string token from encoding/json; other kinds are covered below
		}
		_, err := base64.StdEncoding.DecodeString(s)
		wantBad := err != nil || s == ""
		var c base64Check
		if e := c.UnmarshalJSON(tok); e != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", tok, e)
		}
		if gotBad := c.offset >= 0; gotBad != wantBad || !c.present {
			t.Fatalf("base64Check(%s): offset %d %q; encoding/base64 says %v", tok, c.offset, c.reason, err)
		}
	})
}

func TestBase64CheckNotAString(t *testing.T) {
	t.Parallel()
	for _, tok := range []string{`5`, `null`, `{}`, `[]`} {
		var c base64Check
		if err := c.UnmarshalJSON([]byte(tok)); err != nil || c.offset != 0 || c.reason != "must be a string" {
			t.Errorf("%s: %d %q %v", tok, c.offset, c.reason, err)
		}
	}
}

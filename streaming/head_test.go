package streaming

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzReadHead: whenever readHead answers, json.Unmarshal into the same
// struct succeeds and gives the same members.
func FuzzReadHead(f *testing.F) {
	for _, d := range recordedData(f) {
		f.Add(d)
	}
	for _, s := range []string{
		`{"type":"content_block_stop","index":0}`, `{"index":-3}`, `{"index":1.0}`, `{"index":1e2}`,
		`{"index":"1"}`, `{"index":null}`, `{"index":1,"index":null}`, `{"INDEX":7,"Message":{"a":1}}`,
		`{"index":123456789012345678}`, `{"index":1234567890123456789}`, `{"index":99999999999999999999}`,
		`{"delta":{"type":"text_delta","text":"x"},"delta":[1]}`, `{"content_block":null}`, `[1]`, `"x"`, `{`,
		`{"index":-0}`, `{"index":01}`, `{"m\u0065ssage":{}}`, "{\"\u212ande\":1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := readHead(b)
		if !ok {
			return
		}
		var want eventHead
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%q: readHead answered, json.Unmarshal failed: %v", b, err)
		}
		if (got.Index == nil) != (want.Index == nil) || got.Index != nil && *got.Index != *want.Index {
			t.Fatalf("%q: index %v, encoding/json %v", b, deref(got.Index), deref(want.Index))
		}
		for _, m := range []struct {
			name      string
			got, want []byte
		}{{"message", got.Message, want.Message}, {"content_block", got.ContentBlock, want.ContentBlock}, {"delta", got.Delta, want.Delta}} {
			if (m.got == nil) != (m.want == nil) || !bytes.Equal(m.got, m.want) {
				t.Fatalf("%q: %s %q, encoding/json %q", b, m.name, m.got, m.want)
			}
		}
	})
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

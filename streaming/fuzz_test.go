package streaming

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recordedBodies returns the recorded SSE bodies, the fuzz seeds.
func recordedBodies(f *testing.F) [][]byte {
	files, _ := filepath.Glob("../testdata/recorded/stream-*/body.sse")
	if len(files) == 0 {
		f.Fatal("no recorded streams")
	}
	var out [][]byte
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// recordedData returns every data payload of the recorded streams.
func recordedData(f *testing.F) [][]byte {
	var out [][]byte
	for _, b := range recordedBodies(f) {
		for _, line := range bytes.Split(b, []byte("\n")) {
			if d, ok := bytes.CutPrefix(line, []byte("data: ")); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// FuzzDecodeEvent: any event data decodes without panic; what the fast path
// accepts, encoding/json reads the same way.
func FuzzDecodeEvent(f *testing.F) {
	for _, d := range recordedData(f) {
		f.Add("content_block_delta", d)
		f.Add("", d)
	}
	f.Add("content_block_delta", []byte(`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\ud83d\ude00 \u00e9\n"}}`))
	f.Fuzz(func(t *testing.T, evType string, data []byte) {
		if d, ok := parseFastDelta(data); ok {
			var w struct {
				Type  string `json:"type"`
				Index int64  `json:"index"`
				Delta map[string]any
			}
			if err := json.Unmarshal(data, &w); err != nil {
				t.Fatalf("fast path accepted invalid JSON %q: %v", data, err)
			}
			if w.Type != "content_block_delta" || w.Index != d.index || w.Delta["type"] != d.dtype || w.Delta[d.field] != unquote(d.val, d.esc) {
				t.Fatalf("fast path disagrees on %q: %+v vs %+v %q", data, d, w, unquote(d.val, d.esc))
			}
		}
		// Through a whole stream: message_start, a text block, the event.
		body := "event: message_start\ndata: " + `{"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}` + "\n\n" +
			"event: content_block_start\ndata: " + `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}` + "\n\n" +
			"event: " + strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, evType) + "\ndata: " + string(bytes.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, data)) + "\n\n"
		s := New(&http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(body))}, Config{})
		for s.Next() {
			_ = s.Event().Value()
			_, _ = s.Event().TextDelta()
		}
		m := s.Message()
		if (s.Err() == nil) == m.Incomplete {
			t.Fatalf("err %v but incomplete %v", s.Err(), m.Incomplete)
		}
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("message does not encode: %v", err)
		}
	})
}

// FuzzPartialJSON: the completion of any prefix of a JSON text is valid
// JSON; of the whole text, the same value.
func FuzzPartialJSON(f *testing.F) {
	for _, d := range recordedData(f) {
		var w struct {
			Delta struct {
				PartialJSON string `json:"partial_json"`
			} `json:"delta"`
		}
		if json.Unmarshal(d, &w) == nil && w.Delta.PartialJSON != "" {
			f.Add([]byte(w.Delta.PartialJSON))
		}
		if len(d) < 2000 {
			f.Add(d)
		}
	}
	f.Add([]byte(`{"a":[1,-2.5e3,true,null,{"b":"\u00e9\"x"}],"c":"Par`))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 4096 {
			in = in[:4096]
		}
		out, err := CompletePartialJSON(in)
		if err == nil && out != nil && !json.Valid(out) {
			t.Fatalf("CompletePartialJSON(%q) = %q, not valid JSON", in, out)
		}
		if !json.Valid(in) {
			return
		}
		if err != nil {
			t.Fatalf("valid JSON %q: %v", in, err)
		}
		var a, b any
		_ = json.Unmarshal(in, &a)
		_ = json.Unmarshal(out, &b)
		if !jsonEqual(a, b) {
			t.Fatalf("complete JSON changed: %q -> %q", in, out)
		}
		for i := range len(in) {
			p, err := CompletePartialJSON(in[:i])
			if err != nil {
				t.Fatalf("prefix %q of valid JSON: %v", in[:i], err)
			}
			if p != nil && !json.Valid(p) {
				t.Fatalf("prefix %q -> %q, not valid JSON", in[:i], p)
			}
		}
	})
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

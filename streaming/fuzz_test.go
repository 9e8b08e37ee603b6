package streaming

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/types"
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

// primedBlocks are the content blocks a primed stream has open, by index.
var primedBlocks = []string{
	`{"type":"text","text":""}`,
	`{"type":"tool_use","id":"tu","name":"f","input":{}}`,
	`{"type":"thinking","thinking":"","signature":""}`,
	`{"type":"text","text":"a","citations":[]}`,
	`{"type":"server_tool_use","id":"st","name":"web_search","input":{}}`,
	`{"type":"text","text":""}`,
	`{"type":"redacted_thinking","data":"x"}`,
	`{"type":"text","text":""}`,
}

// primedStream returns a stream that has read message_start and a
// content_block_start for each of primedBlocks.
func primedStream(t *testing.T) *Stream {
	body := "event: message_start\ndata: " + `{"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}` + "\n\n"
	for i, b := range primedBlocks {
		body += fmt.Sprintf("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":%d,\"content_block\":%s}\n\n", i, b)
	}
	s := New(&http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(body))}, Config{})
	for range 1 + len(primedBlocks) {
		if !s.Next() {
			t.Fatalf("priming: %v", s.Err())
		}
	}
	return s
}

// deltaSeeds are content_block_delta shapes around the fast path's edges:
// escapes, duplicate and re-cased keys, odd numbers, invalid UTF-8.
var deltaSeeds = []string{
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\ud83d\ude00 \u00e9\n"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\ud800 lone"}}`,
	"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"bad \xff utf8\"}}",
	`{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":\"\\u00e9\"}"}}`,
	`{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\ud800"}}`,
	`{"type":"content_block_delta","index":2,"delta":{"type":"thinking_delta","thinking":"hm"}}`,
	`{"type":"content_block_delta","index":2,"delta":{"type":"signature_delta","signature":"c2ln"}}`,
	`{"type":"content_block_delta","index":3,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}}`,
	`{"type":"content_block_delta","index":0,"index":5,"delta":{"type":"text_delta","text":"b"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"},"delta":{"type":"thinking_delta","thinking":"b"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","text":"b"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","Text":"a"}}`,
	`{"Type":"content_block_delta","INDEX":0,"Delta":{"type":"text_delta","text":"a"}}`,
	`{"t\u0079pe":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_d\u0065lta","text":"a"}}`,
	`{"type":"content_block_delta","index":1.0,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":1e0,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":-0,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":007,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":9999999999999999,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":null,"delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":null}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"hologram_delta","text":"a","n":[1]}}`,
	` {"type" : "content_block_delta" , "index" : 7 , "delta" : { "text" : "z" , "type" : "text_delta" } } `,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}} x`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}`,
}

// FuzzDecodeEvent: on any event, the fast path and the encoding/json path
// (decodeSlow) give the same Event, the same error and the same message
// afterwards; what the fast path accepts, encoding/json reads the same way;
// and any event goes through a whole stream without panic.
func FuzzDecodeEvent(f *testing.F) {
	for _, d := range recordedData(f) {
		f.Add("content_block_delta", d)
		f.Add("", d)
	}
	for _, d := range deltaSeeds {
		f.Add("content_block_delta", []byte(d))
		f.Add("", []byte(d))
	}
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
		sameAsSlowPath(t, evType, data)
		throughStream(t, evType, data)
	})
}

// unmarshalValue is what Value returns, decoded by json.Unmarshal into the
// generated type: the reference Value's shortcuts must agree with.
func unmarshalValue(e Event) any {
	var v any
	switch e.Type {
	case TypeMessageStart:
		v = new(gen.MessageStartEvent)
	case TypeContentBlockStart:
		v = new(gen.ContentBlockStartEvent)
	case TypeContentBlockDelta:
		v = new(gen.ContentBlockDeltaEvent)
	case TypeContentBlockStop:
		v = new(gen.ContentBlockStopEvent)
	case TypeMessageDelta:
		v = new(gen.MessageDeltaEvent)
	case TypeMessageStop:
		v = new(gen.MessageStopEvent)
	case TypePing:
		v = new(gen.PingEvent)
	case TypeError:
		v = new(gen.ErrorEvent)
	default:
		return types.UnknownBlock{Type: e.Type, Raw: e.Data}
	}
	if err := json.Unmarshal(e.Data, v); err != nil {
		return types.UnknownBlock{Type: e.Type, Raw: e.Data}
	}
	return v
}

// sameAsSlowPath decodes one event after the same prelude with decode and
// with decodeSlow, then stops every block, and fails on any difference.
func sameAsSlowPath(t *testing.T, evType string, data []byte) {
	fast, slow := primedStream(t), primedStream(t)
	fe, ferr := fast.dec.decode([]byte(evType), data)
	se, serr := slow.dec.decodeSlow(eventType([]byte(evType)), data)
	if errText(ferr) != errText(serr) {
		t.Fatalf("%q %q: fast error %v, slow error %v", evType, data, ferr, serr)
	}
	if fe.Type != se.Type || !bytes.Equal(fe.Data, se.Data) {
		t.Fatalf("%q %q: fast event %q %q, slow %q %q", evType, data, fe.Type, fe.Data, se.Type, se.Data)
	}
	if fv, sv := fe.Value(), se.Value(); !reflect.DeepEqual(fv, sv) {
		t.Fatalf("%q %q: Value() fast %#v, slow %#v", evType, data, fv, sv)
	}
	for _, ev := range []Event{fe, se} {
		if got, want := ev.Value(), unmarshalValue(ev); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q %q: Value() %#v, json.Unmarshal into the generated type %#v", evType, data, got, want)
		}
	}
	ft, fok := fe.TextDelta()
	st, sok := se.TextDelta()
	fi, fiok := fe.Index()
	si, siok := se.Index()
	if ft != st || fok != sok || fi != si || fiok != siok {
		t.Fatalf("%q %q: TextDelta/Index fast %q %v %d %v, slow %q %v %d %v", evType, data, ft, fok, fi, fiok, st, sok, si, siok)
	}
	for i := range primedBlocks {
		ferr, serr := fast.dec.acc.blockStop(i), slow.dec.acc.blockStop(i)
		if errText(ferr) != errText(serr) {
			t.Fatalf("%q %q: stopping block %d: fast %v, slow %v", evType, data, i, ferr, serr)
		}
	}
	fm, ferr := fast.dec.acc.message(false)
	sm, serr := slow.dec.acc.message(false)
	fj, _ := json.Marshal(fm)
	sj, _ := json.Marshal(sm)
	if errText(ferr) != errText(serr) || !bytes.Equal(fj, sj) {
		t.Fatalf("%q %q: message fast %s %v, slow %s %v", evType, data, fj, ferr, sj, serr)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// throughStream runs the event through a whole stream after a text block.
func throughStream(t *testing.T, evType string, data []byte) {
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
}

// jsonPrefix reports how encoding/json reads in: as a whole JSON text
// (valid), as the beginning of one (it fails only for want of more input),
// or neither.
func jsonPrefix(in []byte) (valid, prefix bool) {
	if json.Valid(in) {
		return true, true
	}
	// The Decoder reads one value from a stream and says io.ErrUnexpectedEOF
	// when the stream ends inside it (io.EOF when there is none yet).
	var r json.RawMessage
	err := json.NewDecoder(bytes.NewReader(in)).Decode(&r)
	return false, err == io.ErrUnexpectedEOF || err == io.EOF
}

// FuzzPartialJSON, differential against encoding/json: a complete JSON text
// comes back exactly as json.Compact writes it; the beginning of one (what
// encoding/json refuses only for want of more input) completes to valid JSON
// or nothing; anything else is an error. Every prefix of a valid text
// completes too.
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
	for _, s := range []string{
		`{"a":[1,-2.5e3,true,null,{"b":"\u00e9\"x"}],"c":"Par`, `-`, `0.`, `1e+`, `01`, `-01`, `[1,]`, `{"a":1,}`,
		`"\u12`, `"\u12x"`, "\"\xff\xfe\"", "\"\x01\"", ` [ ] `, `{} {}`, `nul`, `nulx`, `[tru`, `"\`, "\ufeff{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 4096 {
			in = in[:4096] // far below encoding/json's nesting limit
		}
		out, err := CompletePartialJSON(in)
		valid, prefix := jsonPrefix(in)
		switch {
		case valid:
			var want bytes.Buffer
			_ = json.Compact(&want, in)
			if err != nil || !bytes.Equal(out, want.Bytes()) {
				t.Fatalf("CompletePartialJSON(%q) = %q, %v; json.Compact gives %q", in, out, err, want.Bytes())
			}
		case prefix:
			if err != nil || (out != nil && !json.Valid(out)) {
				t.Fatalf("CompletePartialJSON(%q), the beginning of a JSON text, = %q, %v", in, out, err)
			}
		default:
			if err == nil {
				t.Fatalf("CompletePartialJSON(%q) = %q, no error; encoding/json: not the beginning of JSON", in, out)
			}
		}
		if !valid || len(in) > 1024 {
			return
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

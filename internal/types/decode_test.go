package types_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
	"github.com/claudego/claude/internal/types"
)

// recordedReplies returns every recorded Messages reply under testdata.
func recordedReplies(tb testing.TB) [][]byte {
	tb.Helper()
	files, _ := filepath.Glob("../../testdata/recorded/msg-*/body.json")
	if len(files) == 0 {
		tb.Fatal("no recorded replies")
	}
	var out [][]byte
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// variants returns b with its keys re-cased, duplicated and nulled: the
// shapes encoding/json accepts that a fast decoder most easily gets wrong.
// Without all, only usage is re-cased and no other key nulled.
func variants(b []byte, all bool) [][]byte {
	out := [][]byte{b}
	for i, r := range [][2]string{
		{`"usage"`, `"Usage"`}, {`"cache_creation"`, `"Cache_Creation"`}, {`"id"`, `"ID"`},
		{`"content"`, `"CONTENT"`}, {`"input_tokens"`, `"ınput_tokens"`}, {`"stop_reason"`, `"ſtop_reason"`},
		{`"usage"`, `"u\u0073age"`}, {`"type"`, `"TYPE"`},
	} {
		if !all && i > 1 {
			break
		}
		if v := bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1])); !bytes.Equal(v, b) {
			out = append(out, v)
		}
	}
	body := bytes.TrimSpace(b)
	if len(body) < 2 || body[0] != '{' {
		return out
	}
	inner := body[1 : len(body)-1]
	wrap := func(before, after string) []byte {
		return []byte("{" + before + string(inner) + after + "}")
	}
	out = append(out,
		wrap(`"usage":{"input_tokens":1,"zz":2,"cache_creation":{"q":1}},`, ``),
		wrap(``, `,"usage":{"output_tokens":9,"cache_creation":null}`),
		wrap(`"usage":null,`, `,"usage":null,"content":null,"stop_reason":null,"id":null`),
		wrap(`"zz":1,`, `,"zz":[2],"Zz":3`),
	)
	if !all {
		return out
	}
	// Each top-level value replaced by null, one at a time.
	_ = jsonscan.EachField(body, func(key, value []byte) bool {
		at := cap(body) - cap(value)
		out = append(out, append(append(append([]byte(nil), body[:at]...), "null"...), body[at+len(value):]...))
		return true
	})
	return out
}

// decodeBoth decodes in with the generated decoder into g and with the fast
// one into m, and fails unless they agree. The fast decoder is called
// directly, as the client calls it on a reply (no encoding/json validation
// before it), so it must refuse invalid JSON itself.
func decodeBoth(t *testing.T, in []byte, g *gen.Message, m *types.Message) bool {
	t.Helper()
	gerr := json.Unmarshal(in, g)
	ferr := m.UnmarshalJSON(in)
	if (gerr == nil) != (ferr == nil) {
		t.Fatalf("decoding %q: generated error %v, fast error %v", in, gerr, ferr)
	}
	if gerr != nil {
		return false
	}
	if !reflect.DeepEqual(*g, m.Message) {
		gj, _ := json.Marshal(g)
		fj, _ := json.Marshal(m)
		t.Fatalf("decoding %q:\ngenerated %+v\n     fast %+v\ngenerated %s\n     fast %s", in, *g, m.Message, gj, fj)
	}
	return true
}

// helpersAgree checks BlockOf against the generated ValueByDiscriminator,
// then Text and ToolUses against the generated path: the blocks BlockOf
// types as gen.TextBlock and gen.ToolUseBlock.
func helpersAgree(t *testing.T, m *types.Message) {
	t.Helper()
	var text string
	var uses []gen.ToolUseBlock
	for _, b := range m.Content {
		raw, _ := b.MarshalJSON()
		want, err := b.ValueByDiscriminator()
		if err != nil || want == nil {
			typ, _ := b.Discriminator()
			want = types.UnknownBlock{Type: typ, Raw: raw}
		}
		// Twice: the first call of a type may learn its variant, the second
		// decodes through what it learned.
		for range 2 {
			if got := types.BlockOf(b); !reflect.DeepEqual(got, want) {
				t.Fatalf("BlockOf(%s) = %#v, the generated ValueByDiscriminator says %#v", raw, got, want)
			}
		}
		switch v := types.BlockOf(b).(type) {
		case gen.TextBlock:
			text += v.Text
		case gen.ToolUseBlock:
			uses = append(uses, v)
		}
	}
	if got := m.Text(); got != text {
		t.Fatalf("Text() = %q, the TextBlocks of BlockOf say %q", got, text)
	}
	got := m.ToolUses()
	if len(got) != len(uses) {
		t.Fatalf("ToolUses() = %+v, BlockOf says %+v", got, uses)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i].ToolUseBlock, uses[i]) {
			t.Fatalf("ToolUses()[%d] = %+v, BlockOf says %+v", i, got[i].ToolUseBlock, uses[i])
		}
		var raw any
		err := got[i].DecodeInput(&raw)
		if err != nil && uses[i].Input == nil {
			continue // no input: DecodeInput says so
		}
		rj, _ := json.Marshal(raw)
		ij, _ := json.Marshal(uses[i].Input)
		if err != nil || !bytes.Equal(rj, ij) {
			t.Fatalf("ToolUses()[%d].DecodeInput = %s, %v; the block's Input is %s", i, rj, err, ij)
		}
	}
}

// FuzzMessageDecode: for every input, the fast Message decoder and the
// generated gen.Message decoder (through encoding/json) both fail or both
// give the same value, into a zero Message and into one already holding a
// reply; and Marshal then Unmarshal of the result is stable.
func FuzzMessageDecode(f *testing.F) {
	for _, b := range recordedReplies(f) {
		// Large replies get fewer variants, so the seeds stay quick under -race.
		for _, v := range variants(b, len(b) <= 16<<10) {
			f.Add(v)
		}
	}
	f.Add([]byte(reply))
	f.Add([]byte(`{"id":"m","content":[],"usage":{"input_tokens":1,"cache_creation":{"a":1}},"z":[1,{"b":"\"}"}]}`))
	f.Add([]byte(`{"usage":null,"x":{"usage":null}}`))
	f.Add([]byte(`{"Usage":{"Cache_Creation":{}}}`))
	f.Add([]byte(`{"usage":{"input_tokens":1},"usage":{"output_tokens":2}}`))
	f.Add([]byte(`{"usage":null,"usage":{"input_tokens":1}}`))
	f.Add([]byte(`null`))
	f.Add([]byte(` {"x":1} `))
	f.Add([]byte(`{"Usage":5}`))
	// The content array is validated and split by the fast decoder itself.
	for _, c := range []string{
		`[]`, ` [ ] `, `[{"type":"text","text":"a"} , {"type":"x"}]`, `[1,]`, `[{"type":"text","text":"a\x"}]`,
		"[{\"type\":\"text\",\"text\":\"a\x01\"}]", `[{"type":"text","text":"a"}`, `[[[]]]`, `["\ud800"]`, `[{"a":01}]`,
		`[{"type":"text","text":"a"}]}{`, `[{"type":"text","text":"a"}] x`, `null`, `{}`, `"[]"`,
	} {
		f.Add([]byte(`{"id":"m","content":` + c + `,"usage":{"input_tokens":1}}`))
	}
	for _, block := range []string{
		`{"type":"text","text":"a","text":"b"}`, `{"type":"text","Text":"a"}`, `{"type":"text","text":"a","text":null}`,
		`{"Type":"text","text":"a"}`, `{"type":"text","type":"tool_use","text":"a"}`, `{"type":"text","text":5}`,
		`{"type":"text","text":"a","citations":5}`, `{"type":"text","text":"a","citations":[5]}`, `{"type":"text","t\u0065xt":"a"}`,
		`{"type":"text","text":"a","citations":null}`, `{"type":"text","text":"a","citations":[]}`, `{"type":"text"}`,
		`{"type":"tool_use","id":"x","name":"n","input":{},"ID":"y"}`, `{"type":"tool_use","id":5}`, `{"type":"Text","text":"a"}`,
		`{"type":"tool_use","id":"x","name":"n","input":{"a":1},"INPUT":{"b":2}}`, `{"type":"tool_use","id":"x","name":"n","input":{"a":1},"input":null}`,
		`{"type":"tool_use","id":"x","name":"n","inp\u0075t":{"a":1}}`, `{"type":"tool_use","id":"x","name":"n"}`,
		`{"type":"text","text":"a","citations":null}`, `{"type":"text","citations":null,"text":"a"}`, `{"text":"a","type":"text"}`,
		`{"type":"text","text":"a","extra":1}`, `{"type":"thinking","thinking":"t","signature":"s"}`, `{"type":"thinking","thinking":5}`,
		`{"type":"redacted_thinking","data":"d"}`, `{"type":"text","type":null,"text":"a"}`, `{"type":5,"text":"a"}`,
		`{"type":"text","text":"\u00e9\ud83d\ude00\n"}`, `{"type":"tool_use","id":"x","name":"n","input":{"a":[1,2]},"z":null}`,
	} {
		f.Add([]byte(`{"content":[{"type":"text","text":"x"},` + block + `]}`))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var g gen.Message
		var m types.Message
		if decodeBoth(t, in, &g, &m) {
			helpersAgree(t, &m)
			out, err := json.Marshal(&m)
			if err != nil {
				t.Fatalf("re-encoding %q: %v", in, err)
			}
			var g2 gen.Message
			var m2 types.Message
			if !decodeBoth(t, out, &g2, &m2) {
				t.Fatalf("decoding our own output %s failed", out)
			}
			again, err := json.Marshal(&m2)
			if err != nil || !bytes.Equal(again, out) {
				t.Fatalf("round trip is not stable:\n%s\n%s %v", out, again, err)
			}
		}
		// Into a Message that already holds a reply: null and absent
		// fields leave what is there, as the generated decoder does.
		var gb gen.Message
		var mb types.Message
		decodeBoth(t, []byte(reply), &gb, &mb)
		decodeBoth(t, in, &gb, &mb)
	})
}

// BenchmarkMessageDecode decodes the largest recorded reply (270 KB, a
// pause_turn with server tool results) and a small one, with the fast
// decoder and, for comparison, the generated one.
func BenchmarkMessageDecode(b *testing.B) {
	for _, name := range []string{"msg-pause-turn", "msg-thinking"} {
		body, err := os.ReadFile("../../testdata/recorded/" + name + "/body.json")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/fast", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var m types.Message
				if err := json.Unmarshal(body, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/generated", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var m gen.Message
				if err := json.Unmarshal(body, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMessageText reads the text of replies with and without citations.
func BenchmarkMessageText(b *testing.B) {
	for _, name := range []string{"msg-web-search", "msg-citations-text-document", "msg-thinking"} {
		body, err := os.ReadFile("../../testdata/recorded/" + name + "/body.json")
		if err != nil {
			b.Fatal(err)
		}
		var m types.Message
		if err := json.Unmarshal(body, &m); err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if m.Text() == "" {
					b.Fatal("no text")
				}
			}
		})
	}
}

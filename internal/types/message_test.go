package types_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/types"
)

const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"m",
"content":[
 {"type":"thinking","thinking":"hmm","signature":"sig=="},
 {"type":"text","text":"Hello ","citations":null},
 {"type":"tool_use","id":"tu_1","name":"lookup","input":{"q":"x"},"caller":{"type":"direct"}},
 {"type":"hologram","payload":{"z":[1,2,3]},"note":"from the future"},
 {"type":"text","text":"world"}],
"stop_reason":"tool_use","stop_sequence":null,
"usage":{"input_tokens":3,"output_tokens":4,"brand_new_counter":7,"cache_creation":{"ephemeral_5m_input_tokens":1,"ephemeral_30d_input_tokens":2}},
"brand_new_field":{"a":1}}`

func decode(t *testing.T) *types.Message {
	t.Helper()
	var m types.Message
	if err := json.Unmarshal([]byte(reply), &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

func TestTextAndToolUses(t *testing.T) {
	m := decode(t)
	if m.Text() != "Hello world" {
		t.Fatalf("Text() = %q", m.Text())
	}
	tu := m.ToolUses()
	if len(tu) != 1 || tu[0].Name != "lookup" || tu[0].ID != "tu_1" {
		t.Fatalf("ToolUses() = %+v", tu)
	}
}

func TestBlockOfSwitchesAndKeepsUnknown(t *testing.T) {
	m := decode(t)
	var kinds []string
	for _, b := range m.Content {
		switch v := types.BlockOf(b).(type) {
		case gen.TextBlock:
			kinds = append(kinds, "text:"+v.Text)
		case gen.ThinkingBlock:
			kinds = append(kinds, "thinking:"+v.Signature)
		case gen.ToolUseBlock:
			kinds = append(kinds, "tool_use:"+v.Name)
		case types.UnknownBlock:
			var back map[string]any
			if err := json.Unmarshal(v.Raw, &back); err != nil || back["note"] != "from the future" {
				t.Fatalf("unknown block lost data: %s", v.Raw)
			}
			kinds = append(kinds, "unknown:"+v.Type)
		default:
			t.Fatalf("unexpected variant %T", v)
		}
	}
	want := "thinking:sig==|text:Hello |tool_use:lookup|unknown:hologram|text:world"
	if got := strings.Join(kinds, "|"); got != want {
		t.Fatalf("variants %s, want %s", got, want)
	}
}

// TestUnknownFieldsSurvive: unknown top-level and usage fields, and unknown
// blocks, come back out of a re-encode (ARCHITECTURE.md, rule 2).
func TestUnknownFieldsSurvive(t *testing.T) {
	m := decode(t)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back["brand_new_field"] == nil {
		t.Fatalf("unknown top-level field lost: %s", out)
	}
	u := back["usage"].(map[string]any)
	if u["brand_new_counter"] != float64(7) {
		t.Fatalf("unknown usage field lost: %s", out)
	}
	if cc := u["cache_creation"].(map[string]any); cc["ephemeral_30d_input_tokens"] != float64(2) || cc["ephemeral_5m_input_tokens"] != float64(1) {
		t.Fatalf("cache_creation fields lost: %s", out)
	}
	blocks := back["content"].([]any)
	if blocks[3].(map[string]any)["note"] != "from the future" || blocks[2].(map[string]any)["caller"] == nil {
		t.Fatalf("block fields lost: %s", out)
	}
}

// TestToParamKeepsEveryByte: the assistant turn carries the blocks exactly.
func TestToParamKeepsEveryByte(t *testing.T) {
	m := decode(t)
	p := m.ToParam()
	if p.Role != gen.MessageParamRoleAssistant {
		t.Fatalf("role %q", p.Role)
	}
	blocks, err := p.Content.AsMessageContentBlocks()
	if err != nil {
		t.Fatal(err)
	}
	var orig struct {
		Content []json.RawMessage `json:"content"`
	}
	_ = json.Unmarshal([]byte(reply), &orig)
	if len(blocks) != len(orig.Content) {
		t.Fatalf("%d blocks, want %d", len(blocks), len(orig.Content))
	}
	for i, b := range blocks {
		raw, _ := b.MarshalJSON()
		if string(raw) != string(orig.Content[i]) {
			t.Fatalf("block %d changed:\n got %s\nwant %s", i, raw, orig.Content[i])
		}
	}
}

// TestDecodeEdges: a message without usage, malformed JSON, and escaped
// keys and text decode as encoding/json would.
func TestDecodeEdges(t *testing.T) {
	var m types.Message
	if err := json.Unmarshal([]byte(`{"id":"m","content":[{"type":"text","text":"a\"b\u00e9\ud83d\ude00\n"}],"x\u0041":1}`), &m); err != nil {
		t.Fatal(err)
	}
	if m.Text() != "a\"b\u00e9\U0001F600\n" {
		t.Fatalf("Text() = %q", m.Text())
	}
	if m.AdditionalProperties["xA"] != float64(1) || m.Usage.InputTokens != 0 {
		t.Fatalf("extra %v usage %+v", m.AdditionalProperties, m.Usage)
	}
	for _, in := range []string{`{"usage":null}`, `{"usage":{"input_tokens":2,"cache_creation":null}}`, `{"id":"m","usage":{}}`} {
		var n types.Message
		if err := json.Unmarshal([]byte(in), &n); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
	for _, bad := range []string{`{"id":`, `{"content":[{"type":"text"}`, `[1]`, `{"usage":5}`} {
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("%s decoded without error", bad)
		}
	}
}

package client

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
)

// fullRequest sets every field of the common shape and one of each rare
// field, with strings encoding/json escapes.
const fullRequest = `{"cache_control":{"ttl":"1h","type":"ephemeral"},"container":"cntr_1",
 "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},"diagnostics":{"previous_message_id":"msg_0"},
 "inference_geo":"us","max_tokens":1024,"mcp_servers":[{"type":"url","url":"https://mcp.example","name":"ex"}],
 "messages":[{"role":"user","content":"Hello <b>&</b> \u2028 \"q\""},
  {"role":"assistant","content":[ {"type":"tool_use","id":"toolu_1","name":"get","input":{"q" : "x y"}} ]},
  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42"},
   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}],
 "metadata":{"user_id":"u-1"},"model":"claude-sonnet-4-5","output_config":{"effort":"low"},
 "output_format":{"type":"json_schema","schema":{"type":"object"}},"service_tier":"auto","speed":"fast",
 "stop_sequences":["\n\nHuman:","<end>"],"stream":true,"system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
 "temperature":0.7,"thinking":{"type":"enabled","budget_tokens":2048},"tool_choice":{"type":"auto"},
 "tools":[{"name":"get","description":"Get it.","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}],
 "top_k":40,"top_p":1e-7}`

// assertEncodesAsReference: appendMessageRequest writes exactly what
// encoding/json writes for r, or declines; and declines whenever
// encoding/json fails. encodeMessageRequest then gives the reference's bytes
// or an error whenever the reference fails.
func assertEncodesAsReference(t *testing.T, r *MessageRequest) (accepted bool) {
	t.Helper()
	want, wantErr := marshalNoEscape(r)
	got, ok := appendMessageRequest(nil, r)
	if ok && wantErr != nil {
		t.Fatalf("encoder accepted what encoding/json refuses (%v): %q", wantErr, got)
	}
	if ok && !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("encoder differs from encoding/json at byte %d:\n got %q\nwant %q", i, got[i:], want[i:])
	}
	rd, err := encodeMessageRequest(r)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("encodeMessageRequest error %v, encoding/json error %v", err, wantErr)
	}
	if err == nil {
		body, _ := io.ReadAll(rd)
		if !bytes.Equal(body, want) {
			t.Fatalf("encodeMessageRequest body %q, encoding/json %q", body, want)
		}
	}
	return ok
}

// TestEncodeRequestCommonShape: every field the hand-written encoder
// writes, and the rare ones it hands to encoding/json, agree with the
// reference byte for byte, and the common shape is never declined.
func TestEncodeRequestCommonShape(t *testing.T) {
	var full MessageRequest
	if err := json.Unmarshal([]byte(fullRequest), &full); err != nil {
		t.Fatal(err)
	}
	temp, topK := 1e21, int64(-3)
	tool, err := NewTool("get_weather", "Weather <now> & later", map[string]any{"type": "object"})
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*MessageRequest{
		"minimal": {Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []MessageParam{UserText("Hello")}},
		"full":    &full,
		"helpers": {Model: "m\xff\u2029", MaxTokens: 1, Messages: []MessageParam{UserText("a\x00\t<>"), {Role: "assistant", Content: rawContent(t, `null`)}},
			System: SystemText("sys"), Tools: []ToolUnion{tool, {}}, Temperature: &temp, TopK: &topK, StopSequences: []string{"\x7f"}},
		"nil messages":  {Model: "x"},
		"empty content": {Model: "x", Messages: []MessageParam{{Role: "user"}}},
	} {
		t.Run(name, func(t *testing.T) {
			if !assertEncodesAsReference(t, r) {
				t.Fatal("the encoder declined a request of the shape it writes")
			}
		})
	}
}

// TestEncodeRequestDeclines: what encoding/json refuses (content that is
// not JSON, a NaN), the encoder declines and the request
// fails as before, naming the problem.
func TestEncodeRequestDeclines(t *testing.T) {
	nan := math.NaN()
	var badSystem gen.SystemPrompt
	if err := badSystem.UnmarshalJSON([]byte(`{"type":`)); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*MessageRequest{
		"invalid content": {Model: "x", Messages: []MessageParam{{Role: "user", Content: rawContent(t, `[1,]`)}}},
		"invalid system":  {Model: "x", System: badSystem},
		"NaN temperature": {Model: "x", Temperature: &nan},
	} {
		t.Run(name, func(t *testing.T) {
			if assertEncodesAsReference(t, r) {
				t.Fatal("accepted")
			}
			if _, err := encodeMessageRequest(r); err == nil || !strings.Contains(err.Error(), "json") {
				t.Fatalf("error %v, want encoding/json's", err)
			}
		})
	}
}

// TestEncodeRequestKnowsEveryField: the encoder writes MessageRequest's
// fields by name, in order, and reads inside a few of their types; a field
// the spec adds must be added to it (or the test updated), or it would be
// dropped silently.
func TestEncodeRequestKnowsEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{MessageRequest{}, "cache_control container context_management diagnostics inference_geo max_tokens mcp_servers messages metadata model output_config output_format service_tier speed stop_sequences stream system temperature thinking tool_choice tools top_k top_p"},
		{MessageParam{}, "content role"},
		{gen.CacheControlEphemeral{}, "ttl type"},
		{gen.Metadata{}, "user_id"},
		{gen.OutputConfig{}, "effort format"},
		{gen.JSONOutputFormat{}, "schema type"},
		{gen.DiagnosticsParam{}, "previous_message_id"},
		{gen.ContextManagementConfig{}, "edits"},
	} {
		typ := reflect.TypeOf(c.v)
		var names []string
		for i := range typ.NumField() {
			names = append(names, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("%v fields %q, the encoder knows %q: update appendMessageRequest", typ, got, c.want)
		}
	}
}

// TestUnionLayout: rawOf reads each union's one field in place, which is
// right only while the generated union is a struct of one json.RawMessage.
func TestUnionLayout(t *testing.T) {
	for _, u := range []any{gen.MessageContent{}, gen.SystemPrompt{}, gen.ThinkingConfig{}, gen.ToolChoice{}, gen.ToolUnion{}, gen.ContainerParam{}} {
		typ := reflect.TypeOf(u)
		if typ.NumField() != 1 || typ.Field(0).Type != reflect.TypeOf(json.RawMessage(nil)) || typ.Size() != reflect.TypeOf(json.RawMessage(nil)).Size() {
			t.Errorf("%v is not a struct of one json.RawMessage: rawOf cannot read it", typ)
		}
	}
	c := rawContent(t, `"x"`)
	if got := string(rawOf(&c)); got != `"x"` {
		t.Fatalf("rawOf = %q", got)
	}
}

// FuzzEncodeRequest is the differential test of appendMessageRequest
// against encoding/json: a request decoded from the fuzzed JSON (its unions
// keep the bytes as written, spaces included), then given raw content bytes
// (valid or not), a model and stop sequence with any bytes (invalid UTF-8,
// U+2028, HTML characters), and any temperature or top_p.
func FuzzEncodeRequest(f *testing.F) {
	f.Add([]byte(fullRequest), []byte(`[{"type":"text","text":"a b"}]`), "claude\u2028<x>", 0.5, uint8(0xff))
	f.Add([]byte(`{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}`), []byte(` "x" `), "\xff", math.Inf(1), uint8(2))
	f.Add([]byte(`{"system":"s","tools":[{"name":"t"}],"tool_choice":{"type":"any"},"thinking":{"type":"disabled"}}`), []byte(`[1,]`), "", 1e-7, uint8(6))
	f.Add([]byte(`{"messages":[{"content":null}],"stop_sequences":[],"temperature":0}`), []byte{}, "\x00", -0.0, uint8(9))
	f.Fuzz(func(t *testing.T, doc, content []byte, s string, x float64, flags uint8) {
		var r MessageRequest
		if json.Unmarshal(doc, &r) != nil {
			r = MessageRequest{}
		}
		if flags&1 != 0 {
			r.Model = s
		}
		if flags&2 != 0 {
			var c gen.MessageContent
			_ = c.UnmarshalJSON(content)
			r.Messages = append(r.Messages, MessageParam{Role: gen.MessageParamRole(s), Content: c})
		}
		if flags&4 != 0 {
			r.Temperature = &x
		}
		if flags&8 != 0 {
			r.TopP = &x
		}
		if flags&16 != 0 {
			r.StopSequences = append(r.StopSequences, s)
		}
		if flags&32 != 0 {
			var sys gen.SystemPrompt
			_ = sys.UnmarshalJSON(content)
			r.System = sys
		}
		if flags&64 != 0 {
			r.Metadata.UserID, r.InferenceGeo = s, s
		}
		assertEncodesAsReference(t, &r)
	})
}

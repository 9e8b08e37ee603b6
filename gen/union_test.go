package gen_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
)

// unions lists every union type gen declares (TestUnionsListed keeps the
// list complete), so the fuzz targets reach every As<Variant> and
// Discriminator method the template emits.
var unions = []any{
	gen.APIKeyPrincipal{}, gen.APIKeyScope{}, gen.AdvisorToolResultContent{},
	gen.AdvisorToolResultParamContent{}, gen.AllowedInferenceGeos{}, gen.AllowedInferenceGeosParam{},
	gen.BashCodeExecutionToolResultContent{}, gen.BashCodeExecutionToolResultParamContent{},
	gen.ClearThinkingKeep{}, gen.ClearToolInputs{}, gen.CodeExecutionToolResultContent{},
	gen.CodeExecutionToolResultParamContent{}, gen.ContainerParam{}, gen.ContentBlock{},
	gen.ContentBlockDelta{}, gen.ContentBlockParam{}, gen.ContentBlockSourceContent{},
	gen.ContentBlockSourceItem{}, gen.ContextManagementEdit{}, gen.DocumentBlockSource{},
	gen.DocumentSource{}, gen.ExternalKeyProviderConfig{}, gen.ExternalKeyProviderConfigParam{},
	gen.FederationJWKS{}, gen.FederationJWKSParam{}, gen.ImageSource{}, gen.MCPToolResultContent{},
	gen.MCPToolResultParamContent{}, gen.MessageBatchResult{}, gen.MessageContent{},
	gen.MessageStreamEvent{}, gen.SystemPrompt{}, gen.TextCitation{}, gen.TextCitationParam{},
	gen.TextEditorCodeExecutionToolResultContent{}, gen.TextEditorCodeExecutionToolResultParamContent{},
	gen.ThinkingConfig{}, gen.ToolCaller{}, gen.ToolCallerParam{}, gen.ToolChoice{},
	gen.ToolResultContent{}, gen.ToolResultContentBlock{}, gen.ToolSearchToolResultContent{},
	gen.ToolSearchToolResultParamContent{}, gen.ToolUnion{}, gen.WebFetchToolResultContent{},
	gen.WebFetchToolResultParamContent{}, gen.WebSearchToolResultContent{},
	gen.WebSearchToolResultParamContent{},
}

// TestUnionsListed: unions names exactly the types of anthropic.gen.go
// that hold a raw union, so a union the spec adds is fuzzed too.
func TestUnionsListed(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "anthropic.gen.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		if st, isStruct := ts.Type.(*ast.StructType); isStruct {
			for _, field := range st.Fields.List {
				if len(field.Names) == 1 && field.Names[0].Name == "union" {
					declared = append(declared, ts.Name.Name)
				}
			}
		}
		return false
	})
	var listed []string
	for _, u := range unions {
		listed = append(listed, reflect.TypeOf(u).Name())
	}
	sort.Strings(declared)
	sort.Strings(listed)
	if len(declared) < 40 || !reflect.DeepEqual(declared, listed) {
		t.Fatalf("union types in anthropic.gen.go:\n%v\nlisted in unions:\n%v", declared, listed)
	}
}

// unionOf returns a new union of the type of proto holding raw, as its
// generated UnmarshalJSON stores any bytes (unchecked, as a caller may).
func unionOf(t *testing.T, proto any, raw []byte) reflect.Value {
	t.Helper()
	p := reflect.New(reflect.TypeOf(proto))
	if err := p.Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		t.Fatalf("%T.UnmarshalJSON: %v", proto, err)
	}
	return p.Elem()
}

// sameResult fails unless the two decodings agree: the same value and the
// same error (both nil, or the same text).
func sameResult(t *testing.T, what string, raw []byte, got, want any, gotErr, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("%s on %q: error %v, encoding/json %v", what, raw, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s on %q:\n got %#v\nwant %#v", what, raw, got, want)
	}
}

// checkAs calls every As<Variant> method of every union on raw and fails
// unless each returns what json.Unmarshal(raw, &variant) does, the body the
// template replaced (ARCHITECTURE.md, rule 10).
func checkAs(t *testing.T, raw []byte) {
	for _, proto := range unions {
		u := unionOf(t, proto, raw)
		for i := 0; i < u.NumMethod(); i++ {
			m := u.Type().Method(i)
			if !strings.HasPrefix(m.Name, "As") || m.Type.NumIn() != 1 || m.Type.NumOut() != 2 {
				continue
			}
			out := u.Method(i).Call(nil)
			got, _ := out[1].Interface().(error)
			want := reflect.New(m.Type.Out(0))
			wantErr := json.Unmarshal(raw, want.Interface())
			sameResult(t, u.Type().Name()+"."+m.Name, raw, out[0].Interface(), want.Elem().Interface(), got, wantErr)
		}
	}
}

// checkDiscriminator calls every Discriminator method on raw and fails
// unless it returns what the generated body alone did: json.Unmarshal into
// a string field tagged with the discriminator ("type" for every union of
// the spec; a union with another property fails here, to be added).
func checkDiscriminator(t *testing.T, raw []byte) {
	var want struct {
		Discriminator string `json:"type"`
	}
	wantErr := json.Unmarshal(raw, &want)
	for _, proto := range unions {
		u := unionOf(t, proto, raw)
		m := u.MethodByName("Discriminator")
		if !m.IsValid() {
			continue
		}
		out := m.Call(nil)
		got, _ := out[1].Interface().(error)
		sameResult(t, u.Type().Name()+".Discriminator", raw, out[0].Interface(), want.Discriminator, got, wantErr)
	}
}

// maxSeed bounds the recorded blocks taken as seeds: each seed is decoded
// by all 193 As methods twice, under -race in make test, and the long
// blocks (a web page fetched, a long text) add length, not shapes.
const maxSeed = 4 << 10

// unionSeeds are the content blocks of every recorded reply (up to
// maxSeed bytes) and the shapes a fast path most easily gets
// wrong: space around the value, keys re-cased, escaped or repeated, null
// members, citations, unknown keys, other kinds, invalid JSON.
func unionSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{
		[]byte(`{"type":"text","text":"hello"}`),
		[]byte(" \n{\"type\":\"text\",\"text\":\"hi\"}\t "),
		[]byte(`{"text":"a","type":"text","citations":null}`),
		[]byte(`{"type":"text","text":"a","citations":[]}`),
		[]byte(`{"type":"text","text":"a","citations":[{"type":"char_location","cited_text":"x","document_index":0,"start_char_index":0,"end_char_index":1}]}`),
		[]byte(`{"type":"text","text":"a","extra":{"k":[1,2.5e3,true,null]}}`),
		[]byte(`{"type":"text","text":"a","text":"b"}`),
		[]byte(`{"type":"text","t\u0065xt":"a"}`),
		[]byte(`{"TYPE":"text","Text":"a"}`),
		[]byte(`{"type":null,"text":null}`),
		[]byte(`{"type":"tool_use","id":"toolu_1","name":"get","input":{"q":"x"}}`),
		[]byte(`{"type":"text","text":"\u00e9\ud83d\ude00 \ud800 \\ \" \n"}`),
		[]byte("{\"type\":\"text\",\"text\":\"\xff\xfe bad utf-8\"}"),
		[]byte("{\"type\":\"text\",\"text\":\"a\x01\"}"),
		[]byte(`{"type":"text","text":"a"} x`),
		[]byte(`{"type":"text","text":"a",}`),
		[]byte(`{"type":"text" "text":"a"}`),
		[]byte(`{"type":1,"text":"a"}`),
		[]byte(`{"type":"a","tYpe":"b","type":null}`),
		[]byte(`{"type":"a","TYPE":[]}`),
		[]byte(`{"type":"text","text":"\x"}`),
		[]byte(`{}`), []byte(`null`), []byte(`"text"`), []byte(`[]`), []byte(`[{"type":"text"}]`),
		[]byte(`12`), []byte(`true`), []byte(``), []byte(` `), []byte(`{`), []byte(`nul`),
	}
	files, _ := filepath.Glob("../testdata/recorded/msg-*/body.json")
	if len(files) == 0 {
		tb.Fatal("no recorded replies")
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var m struct {
			Content []json.RawMessage `json:"content"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		for _, c := range m.Content {
			if len(c) <= maxSeed {
				seeds = append(seeds, c)
			}
		}
	}
	return seeds
}

// FuzzUnionAs: every As<Variant> of every union agrees with encoding/json
// decoding the same bytes into the variant, value and error.
func FuzzUnionAs(f *testing.F) {
	for _, s := range unionSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkAs(t, raw)
	})
}

// FuzzUnionDiscriminator: every Discriminator agrees with encoding/json.
func FuzzUnionDiscriminator(f *testing.F) {
	for _, s := range unionSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDiscriminator(t, raw)
	})
}

// TestAsTextBlockPlain pins the fast path's answer on the common shape, so
// a change that sends it to the generated decoder instead still agrees
// with FuzzUnionAs but shows here as a lost fast path.
func TestAsTextBlockPlain(t *testing.T) {
	var b gen.ContentBlock
	if err := b.UnmarshalJSON([]byte(`{"type":"text","text":"caf\u00e9","citations":null}`)); err != nil {
		t.Fatal(err)
	}
	tb, err := b.AsTextBlock()
	if err != nil || tb.Text != "café" || tb.Type != "text" || tb.Citations != nil || tb.AdditionalProperties != nil {
		t.Fatalf("AsTextBlock = %#v, %v", tb, err)
	}
	if allocs := testing.AllocsPerRun(100, func() { _, _ = b.AsTextBlock() }); allocs > 1 {
		t.Errorf("AsTextBlock of a plain block allocates %v times; the plain path allocates only the text", allocs)
	}
}

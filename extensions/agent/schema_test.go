package agent_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
)

type nested struct {
	Must  string  `json:"must"`
	Maybe *string `json:"maybe"`
}

type schemaIn struct {
	Plain    string   `json:"plain" jsonschema:"a plain field"`
	Omit     string   `json:"omit,omitempty"`
	Pointer  *int     `json:"pointer"`
	Inner    nested   `json:"inner"`
	List     []nested `json:"list,omitempty"`
	Skipped  string   `json:"-"`
	internal string
}

func inputSchema(t *testing.T, tool agent.Tool) map[string]any {
	t.Helper()
	raw, err := tool.Definition().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var def struct {
		InputSchema map[string]any `json:"input_schema"`
	}
	if err := json.Unmarshal(raw, &def); err != nil {
		t.Fatal(err)
	}
	return def.InputSchema
}

func required(s map[string]any) []string {
	var out []string
	for _, r := range s["required"].([]any) {
		out = append(out, r.(string))
	}
	slices.Sort(out)
	return out
}

func TestSchemaRequiredUnlessOmitemptyOrPointer(t *testing.T) {
	t.Parallel()
	tool, err := agent.NewTool("s", "schema", func(ctx context.Context, in schemaIn) (string, error) { return "", nil })
	if err != nil {
		t.Fatal(err)
	}
	s := inputSchema(t, tool)
	if got := strings.Join(required(s), ","); got != "inner,plain" {
		t.Fatalf("required = %s, want inner,plain", got)
	}
	props := s["properties"].(map[string]any)
	inner := props["inner"].(map[string]any)
	if got := strings.Join(required(inner), ","); got != "must" {
		t.Fatalf("nested required = %s", got)
	}
	if _, ok := props["Skipped"]; ok || props["plain"].(map[string]any)["description"] != "a plain field" {
		t.Fatalf("properties %v", props)
	}
}

func TestNewToolRejectsBadNamesAndTypes(t *testing.T) {
	t.Parallel()
	if _, err := agent.NewTool("bad name", "", func(ctx context.Context, in struct{}) (string, error) { return "", nil }); err == nil || !strings.Contains(err.Error(), "bad name") {
		t.Fatalf("err = %v", err)
	}
	if _, err := agent.NewTool("s", "", func(ctx context.Context, in string) (string, error) { return "", nil }); err == nil || !strings.Contains(err.Error(), "struct") {
		t.Fatalf("err = %v", err)
	}
	if _, err := agent.NewTool[struct{}]("s", "", nil); err == nil {
		t.Fatal("nil run accepted")
	}
	if _, err := agent.NewRawTool("r", "", json.RawMessage(`{"type":"string"}`), func(ctx context.Context, in json.RawMessage) (agent.ToolResult, error) {
		return agent.ToolResult{}, nil
	}); err == nil {
		t.Fatal("non-object schema accepted")
	}
}

func TestRawToolValidatesAgainstItsSchema(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("tool_use", toolUse("t1", "raw", `{"n":"x"}`), toolUse("t2", "raw", `{"n":3}`)), msg("end_turn", text("ok")))
	var got []string
	raw, err := agent.NewRawTool("raw", "", json.RawMessage(`{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}`),
		func(ctx context.Context, in json.RawMessage) (agent.ToolResult, error) {
			got = append(got, string(in))
			return agent.JSONResult(map[string]any{"ok": true})
		})
	if err != nil {
		t.Fatal(err)
	}
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{raw}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	r := api.toolResults(1)
	if len(got) != 1 || r[0]["is_error"] != true || !strings.Contains(resultText(r[0]), "n") || resultText(r[1]) != `{"ok":true}` {
		t.Fatalf("got %v results %v", got, r)
	}
}

func TestResultToolSendsImageBlocks(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("tool_use", toolUse("t1", "shot", `{}`)), msg("end_turn", text("ok")))
	shot, _ := agent.NewResultTool("shot", "", func(ctx context.Context, in struct{}) (agent.ToolResult, error) {
		img, err := agent.ResultBlock(client.ImageBytes("image/png", []byte("png")))
		if err != nil {
			return agent.ToolResult{}, err
		}
		return agent.BlocksResult(img), nil
	})
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{shot}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	if got := resultText(api.toolResults(1)[0]); !strings.Contains(got, `"type":"image"`) {
		t.Fatalf("content %s", got)
	}
	if _, err := agent.ResultBlock(client.ToolResult("x", "y", false)); err == nil {
		t.Fatal("a tool_result inside a tool result accepted")
	}
}

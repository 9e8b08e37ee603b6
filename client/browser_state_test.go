package client_test

import (
	"encoding/json"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/gen"
)

// TestBrowserStateToolResult: a browser tool's result can carry a
// browser_state block (the open tabs and what changed), it passes request
// validation, and it encodes with the wire names the API reads.
func TestBrowserStateToolResult(t *testing.T) {
	t.Parallel()
	active := true
	var block gen.ToolResultContentBlock
	if err := block.FromBrowserStateBlockParam(gen.BrowserStateBlockParam{
		Type:         gen.BrowserStateBlockParamTypeValue,
		Tabs:         []gen.BrowserStateTabEntryParam{{TabID: "tab_1", Title: "Example", URL: "https://example.com/", Active: &active}},
		StateChanges: []map[string]interface{}{{"type": "tab_opened", "tab_id": "tab_1"}},
	}); err != nil {
		t.Fatal(err)
	}
	var content gen.ToolResultContent
	if err := content.FromToolResultContentBlocks(gen.ToolResultContentBlocks{block}); err != nil {
		t.Fatal(err)
	}
	var result client.ContentBlockParam
	if err := result.FromToolResultBlockParam(gen.ToolResultBlockParam{Type: gen.ToolResultBlockParamTypeValue, ToolUseID: "toolu_1", Content: content}); err != nil {
		t.Fatal(err)
	}
	req := minimalRequest()
	req.Messages = append(req.Messages, client.AssistantText("opening the page"), client.UserBlocks(result))
	if err := client.ValidateMessageRequest(&req); err != nil {
		t.Fatalf("validation: %v", err)
	}
	out, err := json.Marshal(result)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"content":[{"state_changes":[{"tab_id":"tab_1","type":"tab_opened"}],"tabs":[{"active":true,"tab_id":"tab_1","title":"Example","url":"https://example.com/"}],"type":"browser_state"}],"tool_use_id":"toolu_1","type":"tool_result"}`
	if got := string(out); got != want {
		t.Errorf("encoded\n%s\nwant\n%s", got, want)
	}
}

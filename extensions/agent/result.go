package agent

import (
	"encoding/json"
	"fmt"

	"github.com/claudego/claude/client"
)

// ToolResult is what one tool call answers: the content of its tool_result
// block. Text is used when Blocks is empty. IsError marks a failed call; the
// loop goes on and the model reads the text to correct itself.
type ToolResult struct {
	// Text is the result as plain text.
	Text string `json:"text,omitempty"`
	// Blocks are content blocks (text, image, document) sent instead of Text.
	Blocks []client.ToolResultContentBlock `json:"blocks,omitempty"`
	// IsError marks the call as failed (is_error: true).
	IsError bool `json:"is_error,omitempty"`
}

// TextResult is a successful result holding text.
func TextResult(text string) ToolResult { return ToolResult{Text: text} }

// ErrorResult is an error result: the model sees text with is_error set
// and the run goes on.
func ErrorResult(text string) ToolResult { return ToolResult{Text: text, IsError: true} }

// JSONResult is a successful result holding v encoded as JSON.
func JSONResult(v any) (ToolResult, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return ToolResult{}, fmt.Errorf("agent: encoding tool result: %w", err)
	}
	return ToolResult{Text: string(b)}, nil
}

// BlocksResult is a successful result made of content blocks, for images
// and documents: build them with client.ImageBytes or client.PDFBytes and
// convert with ResultBlock.
func BlocksResult(blocks ...client.ToolResultContentBlock) ToolResult {
	return ToolResult{Blocks: blocks}
}

// ResultBlock turns a request content block (text, image, document, search
// result) into a block allowed inside a tool result. The API accepts only
// those types there; others are an error naming the type.
func ResultBlock(b client.ContentBlockParam) (client.ToolResultContentBlock, error) {
	raw, err := b.MarshalJSON()
	if err != nil {
		return client.ToolResultContentBlock{}, err
	}
	var head struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(raw, &head)
	switch head.Type {
	case "text", "image", "document", "search_result":
	default:
		return client.ToolResultContentBlock{}, fmt.Errorf("agent: a tool result cannot hold a %q block", head.Type)
	}
	var out client.ToolResultContentBlock
	if err := out.UnmarshalJSON(raw); err != nil {
		return client.ToolResultContentBlock{}, err
	}
	return out, nil
}

// block encodes the result as a tool_result content block answering id.
func (r ToolResult) block(id string) client.ContentBlockParam {
	if len(r.Blocks) == 0 {
		return client.ToolResult(id, r.Text, r.IsError)
	}
	var content client.ToolResultContent
	if err := content.FromToolResultContentBlocks(r.Blocks); err != nil {
		return client.ToolResult(id, "agent: encoding the tool result: "+err.Error(), true)
	}
	var b client.ContentBlockParam
	if err := b.FromToolResultBlockParam(client.ToolResultBlockParam{
		Type:      "tool_result",
		ToolUseID: id,
		Content:   content,
		IsError:   r.IsError,
	}); err != nil {
		return client.ToolResult(id, "agent: encoding the tool result: "+err.Error(), true)
	}
	return b
}

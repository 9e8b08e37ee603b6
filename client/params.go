package client

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/claudego/claude/gen"
)

// The constructors below make common request pieces one-liners. They build the
// generated union types, which hold their JSON; a union built from a value
// that cannot be encoded would be a programming error, so the few that can
// fail on user input (NewTool) return an error and the rest cannot fail.

// UserText is a user turn holding one text block.
func UserText(text string) MessageParam {
	return UserBlocks(TextBlockParamOf(text))
}

// AssistantText is an assistant turn holding text, for few-shot examples or a
// prefill the model continues from.
func AssistantText(text string) MessageParam {
	return turn(gen.MessageParamRoleAssistant, TextBlockParamOf(text))
}

// UserBlocks is a user turn with the given content blocks.
func UserBlocks(blocks ...ContentBlockParam) MessageParam {
	return turn(gen.MessageParamRoleUser, blocks...)
}

func turn(role gen.MessageParamRole, blocks ...ContentBlockParam) MessageParam {
	var c gen.MessageContent
	mustUnion(c.FromMessageContentBlocks(blocks))
	return MessageParam{Role: role, Content: c}
}

// TextBlockParamOf is a text content block.
func TextBlockParamOf(text string) ContentBlockParam {
	var b ContentBlockParam
	mustUnion(b.FromTextBlockParam(gen.TextBlockParam{Type: gen.TextBlockParamTypeValue, Text: text}))
	return b
}

// SystemText is a plain-text system prompt.
func SystemText(text string) SystemPrompt {
	var s SystemPrompt
	mustUnion(s.FromSystemPromptText(text))
	return s
}

// ImageBytes is an image block with the bytes inlined as base64. mediaType is
// image/jpeg, image/png, image/gif or image/webp (validation checks it).
func ImageBytes(mediaType string, data []byte) ContentBlockParam {
	var src gen.ImageSource
	mustUnion(src.FromBase64ImageSource(gen.Base64ImageSource{
		Type:      gen.Base64ImageSourceTypeValue,
		MediaType: gen.Base64ImageSourceMediaType(mediaType),
		Data:      base64.StdEncoding.EncodeToString(data),
	}))
	var b ContentBlockParam
	mustUnion(b.FromImageBlockParam(gen.ImageBlockParam{Type: gen.ImageBlockParamTypeValue, Source: src}))
	return b
}

// PDFBytes is a document block holding a PDF inlined as base64, with
// citations enabled when cite is true.
func PDFBytes(data []byte, title string, cite bool) ContentBlockParam {
	var src gen.DocumentSource
	mustUnion(src.FromBase64PDFSource(gen.Base64PDFSource{
		Type:      gen.Base64PDFSourceTypeValue,
		MediaType: gen.Base64PDFSourceMediaTypeApplicationPdf,
		Data:      base64.StdEncoding.EncodeToString(data),
	}))
	doc := gen.DocumentBlockParam{Type: gen.DocumentBlockParamTypeValue, Source: src}
	if title != "" {
		doc.Title = title
	}
	if cite {
		doc.Citations = gen.CitationsConfig{Enabled: true}
	}
	var b ContentBlockParam
	mustUnion(b.FromDocumentBlockParam(doc))
	return b
}

// NewTool is a custom tool whose input is described by a JSON schema given as
// JSON text or any value that encodes to one (a map, a struct). The schema's
// type must be "object".
func NewTool(name, description string, schema any) (ToolUnion, error) {
	var raw []byte
	switch s := schema.(type) {
	case json.RawMessage:
		raw = s
	case []byte:
		raw = s
	case string:
		raw = []byte(s)
	default:
		var err error
		if raw, err = json.Marshal(schema); err != nil {
			return ToolUnion{}, fmt.Errorf("claude: NewTool %q: encoding schema: %w", name, err)
		}
	}
	var in gen.ToolInputSchema
	if err := json.Unmarshal(raw, &in); err != nil {
		return ToolUnion{}, fmt.Errorf("claude: NewTool %q: input schema: %w", name, err)
	}
	if in.Type != gen.ToolInputSchemaTypeObject {
		return ToolUnion{}, fmt.Errorf("claude: NewTool %q: input schema type must be \"object\", got %q", name, in.Type)
	}
	var t ToolUnion
	if err := t.FromTool(gen.Tool{Name: name, Description: description, InputSchema: in}); err != nil {
		return ToolUnion{}, fmt.Errorf("claude: NewTool %q: %w", name, err)
	}
	return t, nil
}

// ToolResult is the answer to a tool_use block, as text; isError marks a
// failed call whose text explains the failure.
func ToolResult(toolUseID, text string, isError bool) ContentBlockParam {
	var content gen.ToolResultContent
	mustUnion(content.FromToolResultContentText(text))
	var b ContentBlockParam
	mustUnion(b.FromToolResultBlockParam(gen.ToolResultBlockParam{
		Type:      gen.ToolResultBlockParamTypeValue,
		ToolUseID: toolUseID,
		Content:   content,
		IsError:   isError,
	}))
	return b
}

// ToolChoiceAutoOf lets the model decide; ToolChoiceAnyOf forces some tool;
// ToolChoiceToolOf forces the named tool; ToolChoiceNoneOf forbids tools.
func ToolChoiceAutoOf() ToolChoice { return toolChoice(gen.ToolChoiceAuto{Type: "auto"}) }

// ToolChoiceAnyOf forces the model to use one of the tools.
func ToolChoiceAnyOf() ToolChoice { return toolChoice(gen.ToolChoiceAny{Type: "any"}) }

// ToolChoiceToolOf forces the named tool.
func ToolChoiceToolOf(name string) ToolChoice {
	return toolChoice(gen.ToolChoiceTool{Type: "tool", Name: name})
}

// ToolChoiceNoneOf forbids tool use.
func ToolChoiceNoneOf() ToolChoice { return toolChoice(gen.ToolChoiceNone{Type: "none"}) }

func toolChoice(v any) ToolChoice {
	raw, err := json.Marshal(v)
	mustUnion(err)
	var tc ToolChoice
	mustUnion(tc.UnmarshalJSON(raw))
	return tc
}

// ThinkingEnabled turns on extended thinking with a token budget (at least
// 1024 and below max_tokens).
func ThinkingEnabled(budgetTokens int64) ThinkingConfig {
	var t ThinkingConfig
	mustUnion(t.FromThinkingConfigEnabled(gen.ThinkingConfigEnabled{Type: gen.ThinkingConfigEnabledTypeValue, BudgetTokens: budgetTokens}))
	return t
}

// mustUnion panics on an encoding error that only a bug in this package
// could cause: every constructor encodes plain strings and structs of them.
func mustUnion(err error) {
	if err != nil {
		panic("claude: building a request union: " + err.Error())
	}
}

package claudeotel

import (
	"encoding/json"
	"github.com/claudego/claude/internal/redact"
	"os"
	"strconv"
	"strings"

	"github.com/claudego/claude/client"
)

// captureEnv is the conventions' switch for recording message content.
const captureEnv = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"

// captureFromEnv reports whether captureEnv turns content capture on
// ("true", any case, or "1").
func captureFromEnv() bool {
	v, err := strconv.ParseBool(strings.TrimSpace(os.Getenv(captureEnv)))
	return err == nil && v
}

// part is one message part in the conventions' JSON shape (TextPart,
// ToolCallRequestPart, BlobPart, ...): a map, because the parts' fields differ
// and the generic part keeps the block's own fields.
type part = map[string]any

// chatMessage is one entry of gen_ai.input.messages or gen_ai.output.messages.
type chatMessage struct {
	Role         string `json:"role"`
	Parts        []part `json:"parts"`
	FinishReason string `json:"finish_reason,omitempty"`
}

// inputMessages renders a request's turns as gen_ai.input.messages JSON, and
// its system prompt as gen_ai.system_instructions JSON (empty when none),
// with base64 data elided (see elide).
func inputMessages(r *client.MessageRequest) (messages, system string) {
	msgs := make([]chatMessage, 0, len(r.Messages))
	for _, m := range r.Messages {
		msgs = append(msgs, chatMessage{Role: string(m.Role), Parts: partsOf(marshalGeneric(m.Content))})
	}
	messages = mustJSON(msgs)
	if sys := marshalGeneric(r.System); sys != nil {
		if parts := partsOf(sys); len(parts) > 0 {
			system = mustJSON(parts)
		}
	}
	return messages, system
}

// outputMessages renders a reply as gen_ai.output.messages JSON: one
// assistant message (the API returns one choice) with its stop reason.
func outputMessages(m *client.Message) string {
	msg := chatMessage{Role: "assistant", Parts: partsOf(marshalGeneric(m.Content))}
	if m.StopReason != nil {
		msg.FinishReason = string(*m.StopReason)
	}
	return mustJSON([]chatMessage{msg})
}

// marshalGeneric turns a generated value (a union, a slice of blocks) into
// its wire JSON decoded as generic values, or nil when it has none. The wire
// form is the one mapping that knows every variant, so the parts below work
// from it rather than from each generated type.
func marshalGeneric(v any) any {
	b, err := json.Marshal(v)
	if err != nil || len(b) == 0 || string(b) == "null" {
		return nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil
	}
	return out
}

// partsOf maps a turn's content (a string or a list of blocks) to parts.
func partsOf(content any) []part {
	switch c := content.(type) {
	case string:
		if c == "" {
			return []part{}
		}
		return []part{{"type": "text", "content": c}}
	case []any:
		parts := make([]part, 0, len(c))
		for _, b := range c {
			if block, ok := b.(map[string]any); ok {
				parts = append(parts, blockPart(block))
			}
		}
		return parts
	}
	return []part{}
}

// blockPart maps one content block to the conventions' part: text, thinking
// (reasoning), tool use and result, server tool use and results, and media
// (blob, uri, file); any other block stays as it is, under its own type (the
// conventions' generic part). Base64 data is elided everywhere.
func blockPart(b map[string]any) part {
	typ, _ := b["type"].(string)
	switch typ {
	case "text":
		return part{"type": "text", "content": b["text"]}
	case "thinking":
		return part{"type": "reasoning", "content": b["thinking"]}
	case "tool_use":
		return part{"type": "tool_call", "id": b["id"], "name": b["name"], "arguments": b["input"]}
	case "tool_result":
		return part{"type": "tool_call_response", "id": b["tool_use_id"], "response": elide(b["content"])}
	case "server_tool_use", "mcp_tool_use":
		call := map[string]any{"type": b["name"]}
		if in, ok := b["input"].(map[string]any); ok {
			for k, v := range in {
				call[k] = v
			}
		}
		return part{"type": "server_tool_call", "id": b["id"], "name": b["name"], "server_tool_call": call}
	case "image", "document":
		return mediaPart(typ, b)
	}
	if strings.HasSuffix(typ, "_tool_result") {
		resp := elide(b).(map[string]any)
		return part{"type": "server_tool_call_response", "id": b["tool_use_id"], "server_tool_call_response": resp}
	}
	return elide(b).(map[string]any)
}

// mediaPart maps an image or document block by its source: base64 data
// becomes a blob part whose content is elided, a URL a uri part, a Files API
// id a file part; a plain-text document is its text.
func mediaPart(typ string, b map[string]any) part {
	modality := "image"
	if typ == "document" {
		modality = "document"
	}
	src, _ := b["source"].(map[string]any)
	switch src["type"] {
	case "base64":
		p := part{"type": "blob", "modality": modality, "content": elided(src["data"])}
		if mt, ok := src["media_type"].(string); ok {
			p["mime_type"] = mt
		}
		return p
	case "url":
		return part{"type": "uri", "modality": modality, "uri": src["url"]}
	case "file":
		return part{"type": "file", "modality": modality, "file_id": src["file_id"]}
	case "text":
		return part{"type": "text", "content": src["data"]}
	}
	return elide(b).(map[string]any)
}

// elide returns v with the data of every base64 source replaced by a note of
// its length, so content capture never copies an image or a PDF into a span;
// the logger elides by the same rule (internal/redact). v is not modified.
func elide(v any) any { return redact.Base64(v) }

// elided is what stands in for base64 data: its length, not its bytes.
func elided(data any) string {
	s, _ := data.(string)
	return redact.Note(len(s))
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only generic JSON values reach here; they always marshal.
		return "[]"
	}
	return string(b)
}

package types

import (
	"encoding/json"
	"errors"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// StopReasonValue returns why generation stopped ("end_turn", "tool_use",
// "max_tokens"...), or "" when the reply has none (a message_start snapshot,
// a stream cut early), so callers can switch on it without a nil check.
func (m *Message) StopReasonValue() gen.MessageStopReason {
	if m == nil || m.StopReason == nil {
		return ""
	}
	return *m.StopReason
}

// StopSequenceValue returns the custom stop sequence that ended the reply, or
// "" when none did.
func (m *Message) StopSequenceValue() string {
	if m == nil || m.StopSequence == nil {
		return ""
	}
	return *m.StopSequence
}

// ToolUse is one client tool call of a reply: the generated gen.ToolUseBlock
// (ID, Name, Input as a map...) plus the input's JSON exactly as received, so
// DecodeInput can fill a struct of yours in one decode.
type ToolUse struct {
	gen.ToolUseBlock

	input json.RawMessage
}

// DecodeInput decodes the tool's input, the JSON the model wrote, into v (a
// pointer to your struct, say) with encoding/json, without a round trip
// through the Input map.
func (t ToolUse) DecodeInput(v any) error {
	if len(t.input) == 0 {
		return errors.New("claude: tool_use " + t.ID + " has no input")
	}
	return json.Unmarshal(t.input, v)
}

// RawInput returns the tool's input JSON as received.
func (t ToolUse) RawInput() json.RawMessage { return t.input }

// ToolUses returns the client tool calls (tool_use blocks) in order.
func (m *Message) ToolUses() []ToolUse {
	var out []ToolUse
	for _, c := range m.Content {
		raw, _ := c.MarshalJSON() // the union's own bytes, not a copy
		if blockType(raw) != "tool_use" {
			continue
		}
		b, err := c.AsToolUseBlock()
		if err != nil {
			continue
		}
		// The input the generated decoder read (exact key, last wins), so
		// DecodeInput agrees with Input.
		in := jsonscan.ExactField(raw, "input")
		out = append(out, ToolUse{ToolUseBlock: b, input: append(json.RawMessage(nil), in...)})
	}
	return out
}

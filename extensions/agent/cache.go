package agent

import (
	"encoding/json"

	"github.com/claudego/claude/client"
)

// withBreakpoint returns m with a prompt-cache breakpoint on its last block
// that can carry one (thinking blocks cannot), so the next request reads
// the whole conversation so far from the cache. m itself is not changed:
// the history keeps no breakpoints, and the API's limit of four per request
// is never reached by old ones.
func withBreakpoint(m client.MessageParam) client.MessageParam {
	raw, err := m.Content.MarshalJSON()
	if err != nil {
		return m
	}
	var blocks []map[string]json.RawMessage
	var text string
	if json.Unmarshal(raw, &text) == nil {
		t, _ := json.Marshal(text)
		blocks = []map[string]json.RawMessage{{"type": json.RawMessage(`"text"`), "text": t}}
	} else if json.Unmarshal(raw, &blocks) != nil {
		return m
	}
	for i := len(blocks) - 1; i >= 0; i-- {
		var typ string
		_ = json.Unmarshal(blocks[i]["type"], &typ)
		if typ == "thinking" || typ == "redacted_thinking" {
			continue
		}
		blocks[i]["cache_control"] = json.RawMessage(`{"type":"ephemeral"}`)
		out, err := json.Marshal(blocks)
		if err != nil {
			return m
		}
		var c client.MessageContent
		if c.UnmarshalJSON(out) != nil {
			return m
		}
		return client.MessageParam{Role: m.Role, Content: c}
	}
	return m
}

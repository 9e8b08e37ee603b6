package streaming

import (
	"encoding/json"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// decodeValue decodes an event's data into v, a generated event type, as
// json.Unmarshal(data, v) does, without its two passes before the type's
// own decoder (validating the data, then finding where the value ends):
// every generated event type has its own UnmarshalJSON, which reads the
// object with encoding/json and so refuses invalid JSON itself.
func decodeValue(data []byte, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(data)
	}
	return json.Unmarshal(data, v)
}

// fastValue builds the Value of a content_block_delta the fast path read
// (parseFastDelta: the keys type, index and delta, nothing else) without
// decoding it again: the generated decoder would yield its index, its type
// and the delta's raw JSON (the last "delta" member, as its map keeps it),
// and no additional properties. FuzzDecodeEvent checks Value against
// json.Unmarshal into the generated type.
func (e Event) fastValue() (any, bool) {
	if !e.fast || e.Type != TypeContentBlockDelta {
		return nil, false
	}
	raw := jsonscan.ExactField(e.Data, "delta")
	if raw == nil {
		return nil, false
	}
	v := &gen.ContentBlockDeltaEvent{Index: e.index, Type: TypeContentBlockDelta}
	if err := v.Delta.UnmarshalJSON(raw); err != nil {
		return nil, false
	}
	return v, true
}

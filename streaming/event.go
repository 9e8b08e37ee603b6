package streaming

import (
	"encoding/json"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/types"
)

// Event types of a Messages stream.
const (
	TypeMessageStart      = "message_start"
	TypeContentBlockStart = "content_block_start"
	TypeContentBlockDelta = "content_block_delta"
	TypeContentBlockStop  = "content_block_stop"
	TypeMessageDelta      = "message_delta"
	TypeMessageStop       = "message_stop"
	TypePing              = "ping"
	TypeError             = "error"
)

// Event is one event of a stream. Type names it; Data is its JSON exactly as
// received (owned by the Event, never reused: keep it as long as you like,
// but do not modify it). Value decodes it into the generated type for a type
// switch:
//
//	switch e := ev.Value().(type) {
//	case *gen.ContentBlockDeltaEvent:
//	case *gen.MessageDeltaEvent:
//	case types.UnknownBlock: // a type this version does not know
//	}
type Event struct {
	// Type is the event's type: the SSE event: name, or the JSON "type"
	// when the event had no event: line.
	Type string
	// Data is the event's data: one JSON object.
	Data json.RawMessage

	// Set by the fast path for the common content_block_delta shapes.
	fast  bool
	index int64
	dtype string
	val   []byte // escaped string content, inside Data
	esc   bool
}

// Value decodes the event into its generated type: *gen.MessageStartEvent,
// *gen.ContentBlockStartEvent, *gen.ContentBlockDeltaEvent,
// *gen.ContentBlockStopEvent, *gen.MessageDeltaEvent, *gen.MessageStopEvent,
// *gen.PingEvent or *gen.ErrorEvent. An event of a type this version does
// not know, or one that does not decode as its type, is a types.UnknownBlock
// holding the raw JSON. Each call decodes afresh, reading the bytes once
// (value.go says how).
func (e Event) Value() any {
	if v, ok := e.fastValue(); ok {
		return v
	}
	var v any
	switch e.Type {
	case TypeMessageStart:
		v = new(gen.MessageStartEvent)
	case TypeContentBlockStart:
		v = new(gen.ContentBlockStartEvent)
	case TypeContentBlockDelta:
		v = new(gen.ContentBlockDeltaEvent)
	case TypeContentBlockStop:
		v = new(gen.ContentBlockStopEvent)
	case TypeMessageDelta:
		v = new(gen.MessageDeltaEvent)
	case TypeMessageStop:
		v = new(gen.MessageStopEvent)
	case TypePing:
		v = new(gen.PingEvent)
	case TypeError:
		v = new(gen.ErrorEvent)
	default:
		return types.UnknownBlock{Type: e.Type, Raw: e.Data}
	}
	if err := decodeValue(e.Data, v); err != nil {
		return types.UnknownBlock{Type: e.Type, Raw: e.Data}
	}
	return v
}

// TextDelta returns the text of a content_block_delta carrying a text_delta,
// and false for every other event.
func (e Event) TextDelta() (string, bool) {
	if e.fast {
		if e.dtype != "text_delta" {
			return "", false
		}
		return unquote(e.val, e.esc), true
	}
	if e.Type != TypeContentBlockDelta {
		return "", false
	}
	var w struct {
		Delta struct {
			Type string  `json:"type"`
			Text *string `json:"text"`
		} `json:"delta"`
	}
	if json.Unmarshal(e.Data, &w) != nil || w.Delta.Type != "text_delta" || w.Delta.Text == nil {
		return "", false
	}
	return *w.Delta.Text, true
}

// Index returns the content block index of a content_block_start,
// content_block_delta or content_block_stop event, and false for the others.
func (e Event) Index() (int, bool) {
	if e.fast {
		return int(e.index), true
	}
	switch e.Type {
	case TypeContentBlockStart, TypeContentBlockDelta, TypeContentBlockStop:
	default:
		return 0, false
	}
	var w struct {
		Index *int64 `json:"index"`
	}
	if json.Unmarshal(e.Data, &w) != nil || w.Index == nil {
		return 0, false
	}
	return int(*w.Index), true
}

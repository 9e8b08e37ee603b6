package types

import (
	"encoding/json"
	"strings"

	"github.com/claudego/claude/gen"
)

// Message is a reply from the model: the generated gen.Message plus helpers.
// It encodes and decodes exactly as gen.Message does; unknown fields survive in
// AdditionalProperties and unknown content blocks keep their raw JSON.
type Message struct {
	gen.Message

	// Incomplete is true for a message accumulated from a stream that ended
	// before message_stop (an error event, a cut connection, a cancel). It is
	// never encoded.
	Incomplete bool `json:"-"`
}

// Text returns the concatenated text of every text block, in order: of
// every block BlockOf returns as a gen.TextBlock.
func (m *Message) Text() string {
	var first string
	var b strings.Builder
	n := 0
	for _, c := range m.Content {
		raw, _ := c.MarshalJSON() // the union's own bytes, not a copy
		typ, t, ok := textBlock(raw)
		if typ != "text" {
			continue
		}
		if !ok {
			tb, isText := BlockOf(c).(gen.TextBlock)
			if !isText {
				continue
			}
			t = tb.Text
		}
		switch n++; n {
		case 1: // the common case, one text block: no builder
			first = t
		case 2:
			b.WriteString(first)
			fallthrough
		default:
			b.WriteString(t)
		}
	}
	if n <= 1 {
		return first
	}
	return b.String()
}

// UnknownBlock is a content block, delta or event whose type this version of
// the spec does not describe. Raw holds its JSON exactly as received.
type UnknownBlock struct {
	Type string
	Raw  json.RawMessage
}

// BlockOf returns the typed variant of a response content block
// (gen.TextBlock, gen.ToolUseBlock...), or UnknownBlock for a type the spec
// does not know yet. It never fails: a block that does not decode as its
// declared type is returned as UnknownBlock too. It returns what the
// generated b.ValueByDiscriminator() returns, decoding the block's bytes
// once (blockof.go says how).
func BlockOf(b gen.ContentBlock) any {
	raw, _ := b.MarshalJSON() // the union's own bytes, not a copy
	typ, v, ok := fastBlock(raw)
	if ok {
		return v
	}
	v, err := b.ValueByDiscriminator()
	if err != nil || v == nil {
		return UnknownBlock{Type: typ, Raw: raw}
	}
	learnVariant(typ, v)
	return v
}

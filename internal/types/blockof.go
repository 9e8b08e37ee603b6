package types

import (
	"encoding/json"
	"reflect"
	"sync"

	"github.com/claudego/claude/gen"
)

// fastBlock returns what the generated ValueByDiscriminator returns for the
// block raw, without its double work: that method decodes the block with
// json.Unmarshal, which crosses the bytes twice (validating, then finding
// the value's end) before the variant's own decoder crosses them again, so
// a long text block cost three times the whole request. ok is false when
// the generated path must answer (an unknown or unreadable type, a type
// not seen yet, a variant that fails to decode: its error decides).
//
//   - A text block in the plain shape (type, text and absent or null
//     citations, each key once and exact) is read in one walk: the
//     generated decoder yields exactly the text, the type and nothing else.
//   - Any other known type is decoded by its variant's own UnmarshalJSON
//     (or encoding/json for a variant without one), called directly on the
//     bytes, which the Message decoder has validated. The variant's Go type
//     is learned from the first block of that type the generated path
//     decodes (learnVariant), so the table follows the spec.
//
// FuzzMessageDecode checks every block of every input against
// ValueByDiscriminator (ARCHITECTURE.md, rule 10).
func fastBlock(raw []byte) (typ string, v any, ok bool) {
	typ, text, citations, plain := textBlockCitations(raw)
	if typ == "" {
		return blockType(raw), nil, false // as Discriminator reads it
	}
	if plain && typ == "text" && (citations == nil || string(citations) == "null") {
		return typ, gen.TextBlock{Text: text, Type: "text"}, true
	}
	t, known := variants.Load(typ)
	if !known {
		return typ, nil, false
	}
	p := reflect.New(t.(reflect.Type))
	var err error
	if u, isU := p.Interface().(json.Unmarshaler); isU {
		err = u.UnmarshalJSON(raw)
	} else {
		err = json.Unmarshal(raw, p.Interface())
	}
	if err != nil {
		return typ, nil, false
	}
	return typ, p.Elem().Interface(), true
}

// variants maps a block type to the Go type the generated
// ValueByDiscriminator decodes it into, as learned from its answers.
var variants sync.Map // string -> reflect.Type

// learnVariant records the Go type of v, the generated decoding of a block
// of type typ.
func learnVariant(typ string, v any) {
	if typ != "" {
		variants.LoadOrStore(typ, reflect.TypeOf(v))
	}
}

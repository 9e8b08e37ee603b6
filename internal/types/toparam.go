package types

import (
	"bytes"
	"encoding/json"

	"github.com/claudego/claude/gen"
)

// ToParam turns the reply into an assistant turn for the next request.
//
// Each block goes back as the API sent it, with one exception: fields the
// spec describes only in responses are dropped, because the API rejects them
// in a request ("Extra inputs are not permitted"). Today that is file_id on
// the citation locations and abort_reason on code-execution results; the list
// is generated from openapi/anthropic.yaml (tools/cmd/paramgen), so it grows
// with the spec. Everything else is kept byte for byte: thinking signatures
// (which the API checks), every field the request schema accepts, and unknown
// block types and fields.
//
// Keeping unknown fields is a trade-off (forward compatibility, see the rules
// in ARCHITECTURE.md): a field the API adds to responses before this
// library's spec knows it goes back too. If the API accepts it back (as it
// does for most new fields, and must for signatures), dropping it would break
// the conversation; if it does not, the request fails with a 400 that names
// the field, and updating the library (a new spec) fixes it. Losing data
// silently is the worse failure.
func (m *Message) ToParam() gen.MessageParam {
	blocks := make(gen.MessageContentBlocks, len(m.Content))
	for i, c := range m.Content {
		raw, _ := c.MarshalJSON() // a union's MarshalJSON returns its raw JSON
		_ = blocks[i].UnmarshalJSON(responseOnly.apply(raw))
	}
	var content gen.MessageContent
	_ = content.FromMessageContentBlocks(blocks)
	return gen.MessageParam{Role: gen.MessageParamRoleAssistant, Content: content}
}

// stripRule is what to remove from one JSON value; see responseOnly.
type stripRule struct {
	drop   []string              // keys of this object
	fields map[string]*stripRule // rules of its properties (each item of an array)
	byType map[string]*stripRule // the rule of a union variant, by its "type"
}

// apply returns raw without the response-only fields r describes. A value
// that has none of them is returned as it is, the same bytes.
func (r *stripRule) apply(raw []byte) []byte {
	if r == nil {
		return raw
	}
	v := bytes.TrimSpace(raw)
	if len(v) == 0 {
		return raw
	}
	switch v[0] {
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(v, &items) != nil {
			return raw
		}
		changed := false
		for i, it := range items {
			if out := r.apply(it); !bytes.Equal(out, it) {
				items[i], changed = out, true
			}
		}
		if !changed {
			return raw
		}
		return marshalOr(items, raw)
	case '{':
	default:
		return raw
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(v, &obj) != nil {
		return raw
	}
	if r.byType != nil {
		var typ string
		_ = json.Unmarshal(obj["type"], &typ)
		sub := r.byType[typ]
		if sub == nil {
			return raw
		}
		r = sub
	}
	changed := false
	for _, k := range r.drop {
		if _, ok := obj[k]; ok {
			delete(obj, k)
			changed = true
		}
	}
	for k, sub := range r.fields {
		if fv, ok := obj[k]; ok {
			if out := sub.apply(fv); !bytes.Equal(out, fv) {
				obj[k], changed = out, true
			}
		}
	}
	if !changed {
		return raw
	}
	return marshalOr(obj, raw)
}

// marshalOr encodes v without HTML escaping (the API sent "<" as "<"), or
// returns raw if v cannot be encoded.
func marshalOr(v any, raw []byte) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return raw
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

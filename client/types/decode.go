package types

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// UnmarshalJSON decodes a Message with one encoding/json pass over its known
// fields (content blocks keep their raw JSON in the generated unions), then a
// quick walk of the top-level keys that keeps any the spec does not know in
// AdditionalProperties. The generated decoder reads the message twice (into
// a map, then field by field), which doubled the cost of a large reply.
func (m *Message) UnmarshalJSON(b []byte) error {
	type plainMessage gen.Message // the same fields without the generated methods
	type plainUsage gen.Usage
	type plainCache gen.CacheCreation
	type fastUsage struct {
		*plainUsage
		CacheCreation *plainCache `json:"cache_creation"`
	}
	// Usage (and its cache_creation, in every reply) shadow the embedded
	// fields (a shallower field wins in encoding/json), so they too are
	// decoded in the same pass instead of the generated map-then-fields way;
	// their unknown keys are collected below.
	p := struct {
		*plainMessage
		Usage *fastUsage `json:"usage"`
	}{plainMessage: &plainMessage{}, Usage: &fastUsage{plainUsage: &plainUsage{}}}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	msg := gen.Message(*p.plainMessage)
	var usageRaw, cacheRaw []byte
	var err error
	if msg.AdditionalProperties, err = unknownFields(b, messageKeys(), "usage", &usageRaw); err != nil {
		return err
	}
	// "usage": null leaves p.Usage nil (as null leaves gen.Usage zero).
	if u := p.Usage; u != nil && usageRaw != nil {
		msg.Usage = gen.Usage(*u.plainUsage)
		if msg.Usage.AdditionalProperties, err = unknownFields(usageRaw, usageKeys(), "cache_creation", &cacheRaw); err != nil {
			return err
		}
		if c := u.CacheCreation; c != nil {
			cc := gen.CacheCreation(*c)
			if cc.AdditionalProperties, err = unknownFields(cacheRaw, cacheKeys(), "", nil); err != nil {
				return err
			}
			msg.Usage.CacheCreation = &cc
		}
	}
	m.Message = msg
	m.Incomplete = false
	return nil
}

// unknownFields walks the top-level keys of the object b and returns the
// values of those not in known, decoded as encoding/json would into any (nil
// when there are none). The raw value of the key want, if any, is stored in
// *found.
func unknownFields(b []byte, known map[string]bool, want string, found *[]byte) (map[string]any, error) {
	var extra map[string]any
	var firstErr error
	walkErr := jsonscan.EachField(b, func(key, value []byte) bool {
		if known[string(key)] {
			if found != nil && string(key) == want {
				*found = value
			}
			return true
		}
		name, err := jsonscan.Unquote(append(append([]byte{'"'}, key...), '"'))
		if err != nil {
			firstErr = err
			return false
		}
		var v any
		if err := json.Unmarshal(value, &v); err != nil {
			firstErr = err
			return false
		}
		if extra == nil {
			extra = map[string]any{}
		}
		extra[name] = v
		return true
	})
	if firstErr != nil {
		return nil, firstErr
	}
	return extra, walkErr
}

// messageKeys, usageKeys and cacheKeys are the JSON keys the generated types declare.
var (
	messageKeys = sync.OnceValue(func() map[string]bool { return jsonKeys(reflect.TypeOf(gen.Message{})) })
	usageKeys   = sync.OnceValue(func() map[string]bool { return jsonKeys(reflect.TypeOf(gen.Usage{})) })
	cacheKeys   = sync.OnceValue(func() map[string]bool { return jsonKeys(reflect.TypeOf(gen.CacheCreation{})) })
)

func jsonKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}

// blockType returns a content block's "type" without decoding the block.
func blockType(raw []byte) string {
	s, _ := jsonscan.StringField(raw, "type")
	return s
}

// blockText returns a text block's "text", decoded, without decoding the
// rest of the block (citations can be long).
func blockText(raw []byte) (string, bool) { return jsonscan.StringField(raw, "text") }

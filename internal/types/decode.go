package types

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// UnmarshalJSON decodes a Message exactly as the generated gen.Message
// decoder does, faster: one quick walk of the keys that keeps those the spec
// does not know in AdditionalProperties, the content array validated
// (jsonscan.Valid) and split into the blocks' raw JSON by hand, and one
// encoding/json pass over the rest of the known fields. The generated
// decoder reads the message twice (into a map, then field by field), and
// encoding/json alone crosses the content byte by byte twice (validating,
// then finding each block's end), which tripled the cost of a large reply.
// It validates what it reads: the client calls it on a reply directly.
//
// The generated decoder matches keys exactly, lets the last of duplicate keys
// win and decodes into the value already there (so null leaves a field as
// is), while encoding/json's struct decoding folds case and merges duplicates.
// The walk therefore looks at every key first, of the message, its usage and
// usage.cache_creation: a key with an escape or a non-ASCII byte, one that
// differs from a known key only in case, or a known key given twice sends
// the whole message to the generated decoder, so the two never disagree
// (ARCHITECTURE.md: fast paths agree with the slow path; FuzzMessageDecode
// proves it).
func (m *Message) UnmarshalJSON(b []byte) error {
	var top, usage, cache walk
	if !top.run(b, messageKeys(), "usage", "content") ||
		!usage.run(top.found[0], usageKeys(), "cache_creation", "") ||
		!cache.run(usage.found[0], cacheKeys(), "", "") {
		if err := m.Message.UnmarshalJSON(b); err != nil {
			return err
		}
		m.Incomplete = false
		return nil
	}
	// The content array, nearly all of a reply, is validated and split here
	// (jsonscan.Valid crosses a long text eight bytes at a time) and leaves
	// encoding/json only the small rest of the message: encoding/json would
	// cross it twice byte by byte, once to validate the whole message and
	// once to find where each block's raw JSON ends.
	content, blocks, rest, err := splitContent(b, top.found[1])
	if err != nil {
		return err
	}

	type plainMessage gen.Message // the same fields without the generated methods
	type plainUsage gen.Usage
	type plainCache gen.CacheCreation
	type fastUsage struct {
		*plainUsage
		CacheCreation *plainCache `json:"cache_creation"`
	}
	// Usage (and its cache_creation, in every reply) shadow the embedded
	// fields (a shallower field wins in encoding/json), so they too are
	// decoded in the same pass instead of the generated map-then-fields way.
	// Everything decodes in place, as the generated decoder does: Usage is a
	// value, so "usage": null leaves it as is, and its embedded pointer is
	// never nil (encoding/json cannot allocate an unexported embedded type).
	p := struct {
		*plainMessage
		Usage fastUsage `json:"usage"`
	}{
		plainMessage: (*plainMessage)(&m.Message),
		Usage: fastUsage{
			plainUsage:    (*plainUsage)(&m.Message.Usage),
			CacheCreation: (*plainCache)(m.Message.Usage.CacheCreation),
		},
	}
	if err := json.Unmarshal(rest, &p); err != nil {
		return err
	}
	if content != nil {
		// As encoding/json decodes an array into a slice: a fresh slice (an
		// empty one for []), each block's raw JSON copied into its union.
		m.Message.Content = make([]gen.ContentBlock, len(blocks))
		for i, raw := range blocks {
			if err := m.Message.Content[i].UnmarshalJSON(raw); err != nil {
				return err
			}
		}
	}
	m.Message.Usage.CacheCreation = (*gen.CacheCreation)(p.Usage.CacheCreation)
	// The generated decoders replace AdditionalProperties only when there
	// are unknown keys.
	extra, err := top.extra()
	if err != nil {
		return err
	}
	if extra != nil {
		m.Message.AdditionalProperties = extra
	}
	if usage.obj {
		if extra, err = usage.extra(); err != nil {
			return err
		}
		if extra != nil {
			m.Message.Usage.AdditionalProperties = extra
		}
	}
	if cache.obj && m.Message.Usage.CacheCreation != nil {
		if extra, err = cache.extra(); err != nil {
			return err
		}
		if extra != nil {
			m.Message.Usage.CacheCreation.AdditionalProperties = extra
		}
	}
	m.Incomplete = false
	return nil
}

// walk is the key walk of one object.
type walk struct {
	obj     bool      // the value was an object (not absent, null or another kind)
	found   [2][]byte // the raw values of the wanted keys
	unknown [][]byte  // keys and values of the unknown keys, in pairs
}

// run walks the keys of b when it is an object, keeping the values of the
// known keys want0 and want1 ("" for none). It reports false when the
// fast decoder cannot match the generated one on b: a key with an escape or
// a non-ASCII byte, a key equal to a known one but for case, a known key
// twice, or an object the walk cannot read (the generated decoder then
// gives the error).
func (w *walk) run(b []byte, known map[string]int, want0, want1 string) bool {
	t := bytes.TrimSpace(b)
	if len(t) == 0 || t[0] != '{' {
		return true // not an object: encoding/json decides, as the generated decoder would
	}
	w.obj = true
	var seen uint64
	ok := true
	err := jsonscan.EachField(t, func(key, value []byte) bool {
		if i, isKnown := known[string(key)]; isKnown {
			if seen&(1<<i) != 0 {
				ok = false // a duplicate: the last one wins in the generated decoder
				return false
			}
			seen |= 1 << i
			switch string(key) {
			case want0:
				w.found[0] = value
			case want1:
				w.found[1] = value
			}
			return true
		}
		if !plainKey(key, known) {
			ok = false
			return false
		}
		w.unknown = append(w.unknown, key, value)
		return true
	})
	return ok && err == nil
}

// plainKey reports whether key, unknown, is read the same way by the
// generated decoder (exact match) and encoding/json's struct decoding (match
// folding case): printable ASCII without escapes, equal to no known key in
// any case.
func plainKey(key []byte, known map[string]int) bool {
	for _, c := range key {
		if c == '\\' || c >= 0x80 {
			return false
		}
	}
	for k := range known {
		if len(k) == len(key) && strings.EqualFold(k, string(key)) {
			return false
		}
	}
	return true
}

// extra decodes the unknown keys' values as encoding/json decodes into any;
// nil when there are none.
func (w *walk) extra() (map[string]any, error) {
	if len(w.unknown) == 0 {
		return nil, nil
	}
	extra := make(map[string]any, len(w.unknown)/2)
	for i := 0; i < len(w.unknown); i += 2 {
		var v any
		if err := json.Unmarshal(w.unknown[i+1], &v); err != nil {
			return nil, err
		}
		extra[string(w.unknown[i])] = v // last duplicate wins, as in a map
	}
	return extra, nil
}

// messageKeys, usageKeys and cacheKeys number the JSON keys the generated
// types declare (at most 64, for the duplicate bitmask).
var (
	messageKeys = sync.OnceValue(func() map[string]int { return jsonKeys(reflect.TypeOf(gen.Message{})) })
	usageKeys   = sync.OnceValue(func() map[string]int { return jsonKeys(reflect.TypeOf(gen.Usage{})) })
	cacheKeys   = sync.OnceValue(func() map[string]int { return jsonKeys(reflect.TypeOf(gen.CacheCreation{})) })
)

func jsonKeys(t reflect.Type) map[string]int {
	keys := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = len(keys)
		}
	}
	if len(keys) > 64 {
		panic("types: " + t.Name() + " has more than 64 JSON keys; widen the duplicate bitmask")
	}
	return keys
}

// blockType returns a content block's "type" without decoding the block,
// as gen.ContentBlock.Discriminator reads it ("" where it fails).
func blockType(raw []byte) string {
	s, _ := jsonscan.StringField(raw, "type")
	return s
}

// textBlock reads a content block in one walk: its "type" as blockType
// does and, when the block is in the plain shape where that is sure to equal
// the generated TextBlock's Text, its text and true. Plain is exactly the
// keys type, text (a string) and citations (null or an array: its items are
// unions that keep any JSON), each once. Text blocks of any other shape take
// the generated decoder.
func textBlock(raw []byte) (typ, text string, plain bool) {
	typ, text, _, plain = textBlockCitations(raw)
	return typ, text, plain
}

// textBlockCitations is textBlock that also returns the raw citations
// value of a plain block (nil when the key is absent).
func textBlockCitations(raw []byte) (typ, text string, citations []byte, plain bool) {
	var typRaw, textRaw []byte
	typBad := false
	var seen [3]bool
	plain = true
	err := jsonscan.EachField(raw, func(k, v []byte) bool {
		if jsonscan.KeyMatches(k, "type") { // as jsonscan.StringField reads it
			switch {
			case string(v) == "null":
			case len(v) > 0 && v[0] == '"':
				typRaw = v
			default:
				typBad = true
			}
		}
		if !plain {
			return true // still reading the type
		}
		i := -1
		switch string(k) {
		case "type":
			i = 0
		case "text":
			i = 1
			if len(v) == 0 || v[0] != '"' {
				plain = false
			}
			textRaw = v
		case "citations":
			i = 2
			if string(v) != "null" && (len(v) == 0 || v[0] != '[') {
				plain = false
			}
			citations = v
		}
		if i < 0 || seen[i] {
			plain = false
		} else {
			seen[i] = true
		}
		return true
	})
	if err != nil || typBad || typRaw == nil {
		return "", "", nil, false
	}
	if string(typRaw) == `"text"` {
		typ = "text" // no copy for the common case
	} else if typ, err = jsonscan.Unquote(typRaw); err != nil {
		return "", "", nil, false
	}
	if !plain || textRaw == nil {
		return typ, "", nil, false
	}
	text, err = jsonscan.Unquote(textRaw)
	return typ, text, citations, err == nil
}

// splitContent validates a message's content value when it is an array and
// splits it into the blocks' raw JSON. rest is the message with that array
// replaced by [] for encoding/json to decode the other fields; content is
// nil (and rest is b) when the value is absent or not an array, which
// encoding/json then decodes (null, []) or refuses (another kind) itself.
func splitContent(b, value []byte) (content []byte, blocks [][]byte, rest []byte, err error) {
	if len(value) < 2 || value[0] != '[' || len(bytes.TrimSpace(value[1:len(value)-1])) == 0 {
		// Not an array, or an empty one (a stream's message_start): for
		// encoding/json, which reads [] as quickly as a copy of the rest.
		return nil, nil, b, nil
	}
	at := cap(b) - cap(value) // value is a subslice of b
	if err := jsonscan.Valid(value); err != nil {
		if se, ok := err.(*jsonscan.SyntaxError); ok {
			se.Offset += int64(at) // an offset in the reply, not in the array
		}
		return nil, nil, nil, err
	}
	if err := jsonscan.EachElement(value, func(e []byte) bool {
		blocks = append(blocks, e)
		return true
	}); err != nil {
		return nil, nil, nil, err
	}
	rest = make([]byte, 0, len(b)-len(value)+2)
	rest = append(append(append(rest, b[:at]...), "[]"...), b[at+len(value):]...)
	return value, blocks, rest, nil
}

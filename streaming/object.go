package streaming

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/claudego/claude/internal/jsonscan"
)

// maxFields bounds the members of one JSON object the accumulator splits (a
// message, a block, a delta, usage): the API sends a handful, and a hostile
// event with a hundred thousand keys must not cost time in proportion to
// their square. Objects with more than indexAfter members are looked up
// through a map.
const (
	maxFields  = 4096
	indexAfter = 8
)

// A field is one member of a JSON object being accumulated. Its value is raw
// JSON (modeRaw), a string built by appending escaped pieces (modeStr: buf
// holds the content between the quotes), or an array built by appending
// items (modeArr: buf holds the comma-separated items between the brackets).
type field struct {
	key  string
	mode uint8
	raw  []byte
	buf  []byte
}

const (
	modeRaw uint8 = iota
	modeStr
	modeArr
)

// value appends the field's JSON value to dst.
func (f *field) value(dst []byte) []byte {
	switch f.mode {
	case modeStr:
		dst = append(dst, '"')
		dst = append(dst, f.buf...)
		return append(dst, '"')
	case modeArr:
		dst = append(dst, '[')
		dst = append(dst, f.buf...)
		return append(dst, ']')
	}
	return append(dst, f.raw...)
}

// object is an ordered JSON object under construction.
type object struct {
	fields  []field
	last    int            // the field the previous append went to: the hot path's cache
	index   map[string]int // key -> first field with it, once there are many
	indexed int            // fields[:indexed] are in index
}

// lookup returns the position of key's first field, or -1.
func (o *object) lookup(key string) int {
	if len(o.fields) <= indexAfter {
		for i := range o.fields {
			if o.fields[i].key == key {
				return i
			}
		}
		return -1
	}
	if o.index == nil {
		o.index = make(map[string]int, len(o.fields))
	}
	for ; o.indexed < len(o.fields); o.indexed++ {
		if _, dup := o.index[o.fields[o.indexed].key]; !dup {
			o.index[o.fields[o.indexed].key] = o.indexed
		}
	}
	if i, ok := o.index[key]; ok {
		return i
	}
	return -1
}

// get returns key's field, or nil.
func (o *object) get(key string) *field {
	if i := o.lookup(key); i >= 0 {
		return &o.fields[i]
	}
	return nil
}

// find returns key's field, adding it (as null) when absent.
func (o *object) find(key string) *field {
	if o.last < len(o.fields) && o.fields[o.last].key == key {
		return &o.fields[o.last]
	}
	if i := o.lookup(key); i >= 0 {
		o.last = i
		return &o.fields[i]
	}
	o.fields = append(o.fields, field{key: key, raw: []byte("null")})
	o.last = len(o.fields) - 1
	return &o.fields[o.last]
}

// set replaces key's value with a copy of raw.
func (o *object) set(key string, raw []byte) {
	f := o.find(key)
	f.mode, f.raw, f.buf = modeRaw, append([]byte(nil), raw...), nil
}

// appendString appends escaped string content to key. A null or absent value
// starts empty; a value that is not a string is replaced.
func (o *object) appendString(key string, esc []byte) {
	f := o.find(key)
	if f.mode != modeStr {
		f.buf = nil
		if s, ok := rawString(f.raw); ok {
			f.buf = append(f.buf, s...)
		}
		f.mode, f.raw = modeStr, nil
	}
	f.buf = append(f.buf, esc...)
}

// appendItem appends one raw JSON item to the array at key. A null or absent
// value starts empty; a value that is not an array is replaced.
func (o *object) appendItem(key string, item []byte) {
	f := o.find(key)
	if f.mode != modeArr {
		f.buf = nil
		if t := bytes.TrimSpace(f.raw); len(t) >= 2 && t[0] == '[' {
			f.buf = append(f.buf, bytes.TrimSpace(t[1:len(t)-1])...)
		}
		f.mode, f.raw = modeArr, nil
	}
	if len(f.buf) > 0 {
		f.buf = append(f.buf, ',')
	}
	f.buf = append(f.buf, item...)
}

// encode appends the object's JSON to dst.
func (o *object) encode(dst []byte) []byte {
	dst = append(dst, '{')
	for i := range o.fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendQuoted(dst, o.fields[i].key)
		dst = append(dst, ':')
		dst = o.fields[i].value(dst)
	}
	return append(dst, '}')
}

// errEnded stops a long loop once the stream has ended (cancelled, closed).
var errEnded = errors.New("the stream ended")

// splitObject reads a JSON object into ordered fields: at most maxFields, and
// no further once stop is closed. Each field's key is decoded as
// encoding/json decodes it and its value is the raw bytes encoding/json would
// give a json.RawMessage, a sub-slice of raw (so raw must not change while
// the object is in use; every caller's bytes are its own or copied before
// they are kept).
//
// raw must be JSON that encoding/json has accepted: every caller passes
// bytes that decodeSlow's json.Unmarshal validated (the event, or a member
// of it). On that, the jsonscan walker finds exactly the members
// encoding/json's Decoder finds, without its per-token allocations (the
// message_start this reads is on the path to the first event);
// FuzzSplitObject proves it against the Decoder. On anything else it never
// panics or loops but may return nonsense.
func splitObject(raw []byte, stop <-chan struct{}) (object, error) {
	var o object
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return o, fmt.Errorf("want a JSON object, got %s", firstBytes(raw))
	}
	var err error
	walkErr := jsonscan.EachField(raw, func(key, value []byte) bool {
		if len(o.fields) >= maxFields {
			err = fmt.Errorf("an object of more than %d members", maxFields)
			return false
		}
		if len(o.fields)%256 == 255 {
			select {
			case <-stop:
				err = errEnded
				return false
			default:
			}
		}
		if o.fields == nil {
			o.fields = make([]field, 0, 8)
		}
		o.fields = append(o.fields, field{key: decodeKey(key), raw: value})
		return true
	})
	if err != nil {
		return o, err
	}
	return o, walkErr
}

// decodeKey returns an object key (the bytes between its quotes) as
// encoding/json decodes it: escapes undone, invalid UTF-8 replaced.
func decodeKey(key []byte) string {
	if k, ok := knownKey(key); ok {
		return k
	}
	if bytes.IndexByte(key, '\\') < 0 && utf8.Valid(key) {
		return string(key)
	}
	k, err := jsonscan.AppendUnescaped(make([]byte, 0, len(key)), key)
	if err != nil {
		return string(key)
	}
	return string(k)
}

func firstBytes(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// knownKey returns the keys the API sends in every stream without
// allocating (a switch on string(b) does not copy): the message_start that
// precedes the first event alone has fifteen.
func knownKey(b []byte) (string, bool) {
	switch string(b) {
	case "id":
		return "id", true
	case "type":
		return "type", true
	case "role":
		return "role", true
	case "model":
		return "model", true
	case "content":
		return "content", true
	case "stop_reason":
		return "stop_reason", true
	case "stop_sequence":
		return "stop_sequence", true
	case "usage":
		return "usage", true
	case "input_tokens":
		return "input_tokens", true
	case "output_tokens":
		return "output_tokens", true
	case "cache_creation_input_tokens":
		return "cache_creation_input_tokens", true
	case "cache_read_input_tokens":
		return "cache_read_input_tokens", true
	case "cache_creation":
		return "cache_creation", true
	case "ephemeral_5m_input_tokens":
		return "ephemeral_5m_input_tokens", true
	case "ephemeral_1h_input_tokens":
		return "ephemeral_1h_input_tokens", true
	case "service_tier":
		return "service_tier", true
	case "text":
		return "text", true
	case "index":
		return "index", true
	case "delta":
		return "delta", true
	case "name":
		return "name", true
	case "input":
		return "input", true
	case "thinking":
		return "thinking", true
	case "signature":
		return "signature", true
	case "citations":
		return "citations", true
	}
	return "", false
}

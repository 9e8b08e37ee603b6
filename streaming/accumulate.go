package streaming

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/claudego/claude/client/types"
	"github.com/claudego/claude/gen"
)

// maxBlocks bounds a content block index, so a hostile index cannot make the
// accumulator allocate without limit.
const maxBlocks = 1 << 16

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
	fields []field
	last   int // the field the previous append went to: the hot path's cache
}

// get returns key's field, or nil.
func (o *object) get(key string) *field {
	for i := range o.fields {
		if o.fields[i].key == key {
			return &o.fields[i]
		}
	}
	return nil
}

// find returns key's field, adding it (as null) when absent.
func (o *object) find(key string) *field {
	if o.last < len(o.fields) && o.fields[o.last].key == key {
		return &o.fields[o.last]
	}
	for i := range o.fields {
		if o.fields[i].key == key {
			o.last = i
			return &o.fields[i]
		}
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

// splitObject reads a JSON object into ordered fields.
func splitObject(raw []byte) (object, error) {
	var o object
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	t, err := dec.Token()
	if err != nil {
		return o, err
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return o, fmt.Errorf("want a JSON object, got %s", firstBytes(raw))
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return o, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return o, err
		}
		o.fields = append(o.fields, field{key: t.(string), raw: v})
	}
	if _, err := dec.Token(); err != nil {
		return o, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return o, errors.New("data after the JSON object")
	}
	return o, nil
}

func firstBytes(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// block is one content block being accumulated.
type block struct {
	index   int
	typ     string
	obj     object
	input   []byte // input_json_delta text received so far (decoded)
	inputOK bool   // an input_json_delta arrived: input replaces the start's
	stopped bool
	final   gen.ContentBlock // set at content_block_stop
	finalOK bool
}

// raw returns the block's JSON as it stands. Before content_block_stop the
// tool input is the partial JSON closed by CompletePartialJSON.
func (b *block) raw(dst []byte) ([]byte, error) {
	if b.inputOK {
		var in []byte
		if len(bytes.TrimSpace(b.input)) == 0 {
			in = []byte("{}")
		} else if b.stopped {
			if !json.Valid(b.input) {
				return nil, fmt.Errorf("content block %d (%s): tool input is not valid JSON: %s", b.index, b.typ, firstBytes(b.input))
			}
			in = b.input
		} else {
			c, err := CompletePartialJSON(b.input)
			if err != nil || len(c) == 0 {
				c = []byte("{}")
			}
			in = c
		}
		b.obj.set("input", in)
	}
	return b.obj.encode(dst), nil
}

// accumulator builds the Message from the events, working on raw JSON so
// fields and blocks this version does not know survive unchanged.
type accumulator struct {
	started  bool
	msg      object // the message_start message, message_delta applied
	usage    object
	blocks   []*block
	version  int // bumped on every change; cache key for Message
	cacheVer int
	cache    *types.Message
	cacheErr error
	scratch  []byte
}

func (a *accumulator) messageStart(message []byte) error {
	o, err := splitObject(message)
	if err != nil {
		return fmt.Errorf("message: %w", err)
	}
	a.started, a.msg, a.blocks = true, o, nil
	a.usage = object{}
	for i := range a.msg.fields {
		f := &a.msg.fields[i]
		switch f.key {
		case "usage":
			if u, err := splitObject(f.raw); err == nil {
				a.usage = u
			}
		case "content":
			var content []json.RawMessage
			if err := json.Unmarshal(f.raw, &content); err != nil {
				return fmt.Errorf("message content: %w", err)
			}
			for i, c := range content {
				if err := a.blockStart(i, c); err != nil {
					return err
				}
				a.blocks[i].stopped = true
				if err := a.blockStop(i); err != nil {
					return err
				}
			}
		}
	}
	a.version++
	return nil
}

func (a *accumulator) blockStart(index int, raw []byte) error {
	if index < 0 || index >= maxBlocks {
		return fmt.Errorf("content block index %d out of range", index)
	}
	o, err := splitObject(raw)
	if err != nil {
		return fmt.Errorf("content block %d: %w", index, err)
	}
	b := &block{index: index, obj: o}
	if f := o.get("type"); f != nil {
		_ = json.Unmarshal(f.raw, &b.typ)
	}
	for len(a.blocks) <= index {
		a.blocks = append(a.blocks, nil)
	}
	a.blocks[index] = b
	a.version++
	return nil
}

func (a *accumulator) block(index int64) (*block, error) {
	if index < 0 || index >= int64(len(a.blocks)) || a.blocks[index] == nil {
		return nil, fmt.Errorf("content block %d was not started", index)
	}
	return a.blocks[index], nil
}

// fastDelta applies a delta read by the fast path.
func (a *accumulator) fastDelta(d *fastDelta) error {
	b, err := a.block(d.index)
	if err != nil {
		return err
	}
	if d.dtype == "input_json_delta" {
		if d.esc {
			b.input = appendUnescaped(b.input, d.val)
		} else {
			b.input = append(b.input, d.val...)
		}
		b.inputOK = true
	} else {
		b.obj.appendString(d.field, d.val)
	}
	a.version++
	return nil
}

// delta applies any delta: the known ones by their documented meaning, and
// an unknown one field by field (a string is appended to the block's field
// of the same name, an array's items are appended, anything else replaces
// the field), so nothing is dropped.
func (a *accumulator) delta(index int64, raw []byte) error {
	b, err := a.block(index)
	if err != nil {
		return err
	}
	d, err := splitObject(raw)
	if err != nil {
		return fmt.Errorf("delta: %w", err)
	}
	var typ string
	if f := d.get("type"); f != nil {
		_ = json.Unmarshal(f.raw, &typ)
	}
	for _, f := range d.fields {
		switch {
		case f.key == "type":
		case typ == "input_json_delta" && f.key == "partial_json":
			var s string
			if err := json.Unmarshal(f.raw, &s); err != nil {
				return fmt.Errorf("input_json_delta: partial_json: %w", err)
			}
			b.input = append(b.input, s...)
			b.inputOK = true
		case typ == "citations_delta" && f.key == "citation":
			b.obj.appendItem("citations", f.raw)
		default:
			raw := bytes.TrimSpace(f.raw)
			if s, ok := rawString(raw); ok {
				b.obj.appendString(f.key, s)
			} else if len(raw) > 0 && raw[0] == '[' {
				var items []json.RawMessage
				if err := json.Unmarshal(raw, &items); err != nil {
					return err
				}
				for _, it := range items {
					b.obj.appendItem(f.key, it)
				}
			} else {
				b.obj.set(f.key, raw)
			}
		}
	}
	a.version++
	return nil
}

// blockStop finishes a block: the tool input is parsed now, and an invalid
// one is an error naming the block.
func (a *accumulator) blockStop(index int) error {
	b, err := a.block(int64(index))
	if err != nil {
		return err
	}
	b.stopped = true
	raw, err := b.raw(a.scratch[:0])
	if err != nil {
		return err
	}
	a.scratch = raw
	if err := b.final.UnmarshalJSON(raw); err != nil {
		return err
	}
	b.finalOK = true
	a.version++
	return nil
}

// messageDelta applies a message_delta: every field of delta to the message
// (stop_reason, stop_sequence, stop_details, container and any newer one),
// the non-null usage counts, and any other top-level field of the event.
func (a *accumulator) messageDelta(ev object) error {
	for _, f := range ev.fields {
		switch f.key {
		case "type":
		case "delta":
			d, err := splitObject(f.raw)
			if err != nil {
				return fmt.Errorf("delta: %w", err)
			}
			for _, df := range d.fields {
				a.msg.set(df.key, df.raw)
			}
		case "usage":
			u, err := splitObject(f.raw)
			if err != nil {
				return fmt.Errorf("usage: %w", err)
			}
			for _, uf := range u.fields {
				if !bytes.Equal(bytes.TrimSpace(uf.raw), []byte("null")) {
					a.usage.set(uf.key, uf.raw)
				}
			}
		default:
			a.msg.set(f.key, f.raw)
		}
	}
	a.version++
	return nil
}

// message returns the message as accumulated so far. The result is cached
// until the next change.
func (a *accumulator) message(incomplete bool) (*types.Message, error) {
	if a.cache != nil && a.cacheVer == a.version {
		a.cache.Incomplete = incomplete
		return a.cache, a.cacheErr
	}
	m := &types.Message{Incomplete: incomplete}
	var firstErr error
	if a.started {
		var buf []byte
		buf = append(buf, '{')
		n := 0
		for i := range a.msg.fields {
			f := &a.msg.fields[i]
			if f.key == "content" {
				continue
			}
			if n > 0 {
				buf = append(buf, ',')
			}
			n++
			buf = appendQuoted(buf, f.key)
			buf = append(buf, ':')
			if f.key == "usage" {
				buf = a.usage.encode(buf)
			} else {
				buf = f.value(buf)
			}
		}
		buf = append(buf, '}')
		if err := json.Unmarshal(buf, &m.Message); err != nil {
			firstErr = fmt.Errorf("message: %w", err)
		}
	}
	m.Content = make([]gen.ContentBlock, 0, len(a.blocks))
	for _, b := range a.blocks {
		if b == nil {
			continue
		}
		if b.finalOK {
			m.Content = append(m.Content, b.final)
			continue
		}
		raw, err := b.raw(nil)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			raw = b.obj.encode(nil)
		}
		var c gen.ContentBlock
		_ = c.UnmarshalJSON(raw)
		m.Content = append(m.Content, c)
	}
	a.cache, a.cacheVer, a.cacheErr = m, a.version, firstErr
	return m, firstErr
}

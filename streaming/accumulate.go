package streaming

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
	"github.com/claudego/claude/internal/types"
)

// maxBlocks bounds a content block index, so a hostile index cannot make the
// accumulator allocate without limit.
const maxBlocks = 1 << 16

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
	max      int             // bound on size
	size     int             // bytes of JSON taken in so far
	stop     <-chan struct{} // closed when the stream ends: long loops stop
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

// grow counts n more bytes into the message and fails past the bound.
func (a *accumulator) grow(n int) error {
	a.size += n
	if a.max > 0 && a.size > a.max {
		return fmt.Errorf("%w: over %d bytes (MaxMessageSize)", ErrMessageTooLarge, a.max)
	}
	return nil
}

func (a *accumulator) messageStart(message []byte) error {
	if err := a.grow(len(message)); err != nil {
		return err
	}
	o, err := splitObject(message, a.stop)
	if err != nil {
		return fmt.Errorf("message: %w", err)
	}
	a.started, a.msg, a.blocks = true, o, nil
	a.usage = object{}
	for i := range a.msg.fields {
		f := &a.msg.fields[i]
		switch f.key {
		case "usage":
			if u, err := splitObject(f.raw, a.stop); err == nil {
				a.usage = u
			}
		case "content":
			content, err := rawElements(f.raw)
			if err != nil {
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
	if err := a.grow(len(raw)); err != nil {
		return err
	}
	o, err := splitObject(raw, a.stop)
	if err != nil {
		return fmt.Errorf("content block %d: %w", index, err)
	}
	b := &block{index: index, obj: o}
	if f := o.get("type"); f != nil {
		b.typ = rawStringValue(f.raw)
	}
	for len(a.blocks) <= index {
		a.blocks = append(a.blocks, nil)
	}
	a.blocks[index] = b
	a.version++
	return nil
}

// rawElements splits a JSON array that encoding/json has accepted into its
// raw elements, as json.Unmarshal into []json.RawMessage does (null is no
// elements) without its copies; a value that is not an array gets
// encoding/json's own error.
func rawElements(raw []byte) ([][]byte, error) {
	t := bytes.TrimSpace(raw)
	if string(t) == "null" {
		return nil, nil
	}
	if len(t) == 0 || t[0] != '[' {
		var content []json.RawMessage
		return nil, json.Unmarshal(raw, &content)
	}
	var out [][]byte
	err := jsonscan.EachElement(t, func(e []byte) bool {
		out = append(out, e)
		return true
	})
	return out, err
}

// rawStringValue is what json.Unmarshal into a string leaves in an empty
// string for a value encoding/json has accepted: the decoded string, or ""
// for anything that is not a string.
func rawStringValue(raw []byte) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '"' {
		return ""
	}
	s, err := jsonscan.Unquote(t)
	if err != nil {
		return ""
	}
	return s
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
	if err := a.grow(len(d.val)); err != nil {
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

// delta applies a delta by its documented meaning: text, thinking and
// signature deltas append to the block's string of that name, an
// input_json_delta to the tool input, a citations_delta's citation to the
// citations, a compaction_delta sets content and encrypted_content. Other
// members of a delta are not the block's, and a delta of a type this
// version does not know leaves the block as content_block_start gave it
// (its event is still delivered, raw).
func (a *accumulator) delta(index int64, raw []byte) error {
	b, err := a.block(index)
	if err != nil {
		return err
	}
	if err := a.grow(len(raw)); err != nil {
		return err
	}
	d, err := splitObject(raw, a.stop)
	if err != nil {
		return fmt.Errorf("delta: %w", err)
	}
	var typ string
	if f := d.get("type"); f != nil {
		_ = json.Unmarshal(f.raw, &typ)
	}
	str := func(name string) ([]byte, error) {
		f := d.get(name)
		if f == nil {
			return nil, fmt.Errorf("%s: no %q", typ, name)
		}
		s, ok := rawString(bytes.TrimSpace(f.raw))
		if !ok {
			return nil, fmt.Errorf("%s: %q is not a string: %s", typ, name, firstBytes(f.raw))
		}
		return s, nil
	}
	switch typ {
	case "text_delta", "thinking_delta", "signature_delta":
		name := typ[:len(typ)-len("_delta")]
		v, err := str(name)
		if err != nil {
			return err
		}
		b.obj.appendString(name, v)
	case "input_json_delta":
		f := d.get("partial_json")
		if f == nil {
			return errors.New(`input_json_delta: no "partial_json"`)
		}
		var s string
		if err := json.Unmarshal(f.raw, &s); err != nil {
			return fmt.Errorf("input_json_delta: partial_json: %w", err)
		}
		b.input = append(b.input, s...)
		b.inputOK = true
	case "citations_delta":
		f := d.get("citation")
		if f == nil {
			return errors.New(`citations_delta: no "citation"`)
		}
		b.obj.appendItem("citations", f.raw)
	case "compaction_delta":
		for _, name := range [...]string{"content", "encrypted_content"} {
			if f := d.get(name); f != nil {
				b.obj.set(name, f.raw)
			}
		}
	default:
		return nil // unknown: the block stays as it was
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
			d, err := splitObject(f.raw, a.stop)
			if err != nil {
				return fmt.Errorf("delta: %w", err)
			}
			for _, df := range d.fields {
				a.msg.set(df.key, df.raw)
			}
		case "usage":
			u, err := splitObject(f.raw, a.stop)
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
		return a.cache, a.cacheErr
	}
	m := &types.Message{Incomplete: incomplete}
	var firstErr error
	if a.started {
		buf := a.head(nil, nil)
		// types.Message's decoder gives what the generated one gives
		// (FuzzMessageDecode) at a fraction of its allocations (every
		// stream builds its message once, at message_stop); on an error the
		// generated decoder runs, so the error reads as it always has.
		err := m.UnmarshalJSON(buf)
		m.Incomplete = incomplete // UnmarshalJSON clears it
		if err != nil {
			m.Message = gen.Message{}
			err = json.Unmarshal(buf, &m.Message)
		}
		if err != nil {
			firstErr = fmt.Errorf("message: %w", err)
			// Keep every field that decodes on its own (the usage, the
			// id...), so a bad one does not take the rest with it.
			var probe types.Message
			bad := map[string]bool{}
			for i := range a.msg.fields {
				f := &a.msg.fields[i]
				if f.key != "content" && json.Unmarshal(a.head(nil, f), &probe.Message) != nil {
					bad[f.key] = true
				}
			}
			m.Message = gen.Message{}
			_ = json.Unmarshal(a.head(bad, nil), &m.Message)
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

// head encodes the message without its content: every field but those in
// skip, or only the field only when it is set.
func (a *accumulator) head(skip map[string]bool, only *field) []byte {
	buf := []byte{'{'}
	n := 0
	for i := range a.msg.fields {
		f := &a.msg.fields[i]
		if f.key == "content" || skip[f.key] || only != nil && f != only {
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
	return append(buf, '}')
}

// reply is what observers want of the message besides its usage.
type reply struct{ id, model, stopReason string }

// reply reads the message's id, model and stop reason so far.
func (a *accumulator) reply() reply {
	var r reply
	for _, c := range [...]struct {
		key string
		dst *string
	}{{"id", &r.id}, {"model", &r.model}, {"stop_reason", &r.stopReason}} {
		if f := a.msg.get(c.key); f != nil && f.mode == modeRaw {
			_ = json.Unmarshal(f.raw, c.dst) // null or a non-string leaves it empty
		}
	}
	return r
}

// usageCounts reads the token counts of the usage accumulated so far.
func (a *accumulator) usageCounts() Usage {
	var u Usage
	for _, c := range [...]struct {
		key string
		dst *int64
	}{
		{"input_tokens", &u.InputTokens},
		{"output_tokens", &u.OutputTokens},
		{"cache_creation_input_tokens", &u.CacheCreationInputTokens},
		{"cache_read_input_tokens", &u.CacheReadInputTokens},
	} {
		if f := a.usage.get(c.key); f != nil && f.mode == modeRaw {
			if n, ok := count(f.raw); ok {
				*c.dst, u.Reported = n, true
			}
		}
	}
	if f := a.usage.get("cache_creation"); f != nil && f.mode == modeRaw {
		if n, ok := count(jsonscan.Field(f.raw, "ephemeral_1h_input_tokens")); ok {
			u.CacheCreation1hInputTokens = n
		}
	}
	return u
}

// count reads a token count: a non-negative JSON integer of at most 18
// digits (anything else, null included, is not a count).
func count(raw []byte) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '-' {
		return 0, false
	}
	return plainInt(raw)
}

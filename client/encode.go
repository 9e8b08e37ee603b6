package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// encodeMessageRequest and encodeCountTokensRequest encode a request whose
// bulk (images, PDFs, long documents) sits in the message contents, which the
// generated union types already hold as JSON. Instead of letting
// encoding/json re-scan and copy that JSON through its internal buffer, the
// request is encoded without its messages, each message without its content,
// and the content JSON is copied once into a buffer of the exact final size:
// 1x the payload allocated, where encoding/json needs 2x on a process's first
// large request (and the official SDK about 7x). The copy is checked and
// compacted on the way, so the body is byte-for-byte what encoding/json
// writes, and content that is not valid JSON is a *ValidationError naming
// the message and the byte offset.
//
// Before all that, the hand-written encoder (appendMessageRequest) writes
// the same bytes in one pass into a buffer sized from the request, which
// for the common shape is all the encoding there is; the above is the
// fallback for what it declines.
func encodeMessageRequest(r *MessageRequest) (*bytes.Reader, error) {
	if b, ok := appendMessageRequest(make([]byte, 0, requestSizeHint(r)), r); ok {
		return bytes.NewReader(b), nil
	}
	return spliceMessageRequest(r, spliceThreshold)
}

// requestSizeHint is the encoded size of r when its strings need no escapes
// and its rare fields are unset, give or take the digits of its numbers: the
// unions' JSON (compaction only shrinks it) plus the keys and punctuation,
// so the body is allocated once at about its size (appendMessageRequest
// grows it for what the hint leaves out).
func requestSizeHint(r *MessageRequest) int {
	n := 160 + len(r.Model) + len(r.InferenceGeo) + len(r.Metadata.UserID) +
		len(rawOf(&r.System)) + len(rawOf(&r.Thinking)) + len(rawOf(&r.ToolChoice)) + len(rawOf(&r.Container))
	for i := range r.Messages {
		n += len(`{"content":,"role":""},`) + len(rawOf(&r.Messages[i].Content)) + len(r.Messages[i].Role)
	}
	for i := range r.Tools {
		n += 1 + len(rawOf(&r.Tools[i]))
	}
	for _, s := range r.StopSequences {
		n += 3 + len(s)
	}
	return n
}

// spliceMessageRequest is encodeMessageRequest splicing from threshold bytes
// of content (tests pass 0 to reach the splice with small requests).
func spliceMessageRequest(r *MessageRequest, threshold int) (*bytes.Reader, error) {
	shell := *r
	shell.Messages = nil
	return encodeWithMessages(&shell, r.Messages, r, threshold)
}

func encodeCountTokensRequest(r *CountTokensRequest) (*bytes.Reader, error) {
	shell := *r
	shell.Messages = nil
	return encodeWithMessages(&shell, r.Messages, r, spliceThreshold)
}

// spliceThreshold is the content size from which splicing beats one
// encoding/json pass.
const spliceThreshold = 64 << 10

// encodeWithMessages splices msgs into the encoding of shell (whose messages
// field is null) when their content adds up to threshold bytes or more. Should the splice points not be found, it falls back to
// encoding whole, so the result is always the full request.
func encodeWithMessages(shell any, msgs []gen.MessageParam, whole any, threshold int) (*bytes.Reader, error) {
	// Splicing pays off for bulk; a small request is cheaper to encode
	// whole, and is, before the shell is encoded for nothing (on the path to
	// every stream's first event).
	bulk := 0
	for i := range msgs {
		raw, _ := msgs[i].Content.MarshalJSON()
		bulk += len(raw)
	}
	if bulk < threshold {
		return encodeJSON(whole)
	}
	head, err := marshalNoEscape(shell)
	if err != nil {
		return nil, err
	}
	if msgs == nil {
		return bytes.NewReader(head), nil // "messages":null, as encoding/json writes it
	}
	at := jsonscan.TopLevelNull(head, "messages")
	if at < 0 {
		return encodeJSON(whole)
	}
	type part struct {
		shell   []byte
		at      int
		content []byte
	}
	parts := make([]part, len(msgs))
	size := len(head) + len(msgs) + 2
	for i := range msgs {
		m := msgs[i]
		m.Content = gen.MessageContent{}
		s, err := marshalNoEscape(&m)
		if err != nil {
			return nil, err
		}
		p := jsonscan.TopLevelNull(s, "content")
		content, _ := msgs[i].Content.MarshalJSON() // the union's own JSON, not a copy
		if p < 0 || len(content) == 0 {
			return encodeJSON(whole)
		}
		parts[i] = part{s, p, content}
		size += len(s) + len(content)
	}
	// Compaction only shrinks, so the buffer never grows past size.
	buf := bytes.NewBuffer(make([]byte, 0, size))
	buf.Write(head[:at])
	buf.WriteByte('[')
	for i, p := range parts {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(p.shell[:p.at])
		if err := appendContent(buf, p.content, i); err != nil {
			return nil, err
		}
		buf.Write(p.shell[p.at+len("null"):])
	}
	buf.WriteByte(']')
	buf.Write(head[at+len("null"):])
	return bytes.NewReader(buf.Bytes()), nil
}

// appendContent appends message i's content JSON to buf exactly as
// encoding/json writes a Marshaler's output: validated, then compacted. The
// generated union holds whatever bytes it was given (UnmarshalJSON does not
// check them), so copying them unchecked would send invalid JSON without an
// error (ARCHITECTURE.md, rules 8 and 10).
func appendContent(buf *bytes.Buffer, content []byte, i int) error {
	if err := json.Compact(buf, content); err != nil {
		field := fmt.Sprintf("messages[%d].content", i)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &ValidationError{Field: field, Reason: fmt.Sprintf("invalid JSON at byte offset %d: %v", se.Offset, err)}
		}
		return &ValidationError{Field: field, Reason: "invalid JSON: " + err.Error()}
	}
	return nil
}

// marshalNoEscape is json.Marshal without HTML escaping (the API wants the
// text as written) and without the encoder's trailing newline.
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

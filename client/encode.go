package client

import (
	"bytes"
	"encoding/json"

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
// large request (and the official SDK about 7x).
func encodeMessageRequest(r *MessageRequest) (*bytes.Reader, error) {
	shell := *r
	shell.Messages = nil
	return encodeWithMessages(&shell, r.Messages, r)
}

func encodeCountTokensRequest(r *CountTokensRequest) (*bytes.Reader, error) {
	shell := *r
	shell.Messages = nil
	return encodeWithMessages(&shell, r.Messages, r)
}

// spliceThreshold is the content size from which splicing beats one
// encoding/json pass.
const spliceThreshold = 64 << 10

// encodeWithMessages splices msgs into the encoding of shell (whose messages
// field is null). Should the splice points not be found, it falls back to
// encoding whole, so the result is always the full request.
func encodeWithMessages(shell any, msgs []gen.MessageParam, whole any) (*bytes.Reader, error) {
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
	// Splicing pays off for bulk; a small request is cheaper to encode whole.
	bulk := 0
	for i := range msgs {
		raw, _ := msgs[i].Content.MarshalJSON()
		bulk += len(raw)
	}
	if bulk < spliceThreshold {
		return encodeJSON(whole)
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
	buf := make([]byte, 0, size)
	buf = append(buf, head[:at]...)
	buf = append(buf, '[')
	for i, p := range parts {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, p.shell[:p.at]...)
		buf = append(buf, p.content...)
		buf = append(buf, p.shell[p.at+len("null"):]...)
	}
	buf = append(buf, ']')
	buf = append(buf, head[at+len("null"):]...)
	return bytes.NewReader(buf), nil
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

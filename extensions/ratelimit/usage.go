package ratelimit

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
)

// usage is what a response said it used.
type usage struct {
	input, output       int
	hasInput, hasOutput bool
}

type wireUsage struct {
	InputTokens              *int `json:"input_tokens"`
	OutputTokens             *int `json:"output_tokens"`
	CacheCreationInputTokens *int `json:"cache_creation_input_tokens"`
	CacheReadInputTokens     *int `json:"cache_read_input_tokens"`
}

func (w *wireUsage) into(u *usage) {
	if w == nil {
		return
	}
	if w.InputTokens != nil {
		u.input, u.hasInput = *w.InputTokens, true
		if w.CacheCreationInputTokens != nil {
			u.input += *w.CacheCreationInputTokens
		}
	}
	if w.OutputTokens != nil {
		u.output, u.hasOutput = *w.OutputTokens, true
	}
}

// maxTee caps how much of a JSON body is kept to read its usage.
const maxTee = 8 << 20

// usageReader passes the body through to the caller untouched while keeping
// a copy (JSON, capped) or watching its lines (SSE), and reports the usage
// once, at EOF or Close.
type usageReader struct {
	io.ReadCloser
	sse  bool
	buf  bytes.Buffer
	line []byte
	u    usage
	once sync.Once
	done func(usage)
}

func newUsageReader(rc io.ReadCloser, sse bool, done func(usage)) io.ReadCloser {
	return &usageReader{ReadCloser: rc, sse: sse, done: done}
}

func (r *usageReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	if n > 0 {
		if r.sse {
			r.scan(p[:n])
		} else if r.buf.Len()+n <= maxTee {
			r.buf.Write(p[:n])
		}
	}
	if err == io.EOF {
		r.finish()
	}
	return n, err
}

func (r *usageReader) Close() error {
	err := r.ReadCloser.Close()
	r.finish()
	return err
}

func (r *usageReader) finish() {
	r.once.Do(func() {
		if !r.sse {
			var m struct {
				Usage *wireUsage `json:"usage"`
			}
			if json.Unmarshal(r.buf.Bytes(), &m) == nil {
				m.Usage.into(&r.u)
			}
			r.buf = bytes.Buffer{}
		}
		if r.u.hasInput || r.u.hasOutput {
			r.done(r.u)
		}
	})
}

// scan splits SSE data into lines and reads usage from message_start and
// message_delta events.
func (r *usageReader) scan(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if len(r.line)+len(p) <= 1<<20 {
				r.line = append(r.line, p...)
			}
			return
		}
		r.line = append(r.line, p[:i]...)
		r.dataLine(r.line)
		r.line = r.line[:0]
		p = p[i+1:]
	}
}

func (r *usageReader) dataLine(line []byte) {
	line = bytes.TrimRight(line, "\r")
	if !bytes.HasPrefix(line, []byte("data:")) || !bytes.Contains(line, []byte(`"usage"`)) {
		return
	}
	var ev struct {
		Type    string `json:"type"`
		Message struct {
			Usage *wireUsage `json:"usage"`
		} `json:"message"`
		Usage *wireUsage `json:"usage"`
	}
	if json.Unmarshal(bytes.TrimSpace(line[len("data:"):]), &ev) != nil {
		return
	}
	switch ev.Type {
	case "message_start":
		ev.Message.Usage.into(&r.u)
	case "message_delta":
		var u usage
		ev.Usage.into(&u)
		if u.hasOutput {
			r.u.output, r.u.hasOutput = u.output, true
		}
	}
}

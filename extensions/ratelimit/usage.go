package ratelimit

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"

	"github.com/claudego/claude/streaming"
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

// usageOf is a stream's usage as the limiter counts it: cache writes are
// input.
func usageOf(u streaming.Usage) usage {
	return usage{
		input:     int(u.InputTokens + u.CacheCreationInputTokens),
		output:    int(u.OutputTokens),
		hasInput:  true,
		hasOutput: true,
	}
}

// maxTee caps how much of a JSON body is kept to read its usage.
const maxTee = 8 << 20

// usageReader passes a JSON body through to the caller untouched while
// keeping a copy (capped), and reports the usage once, at EOF or Close.
// Streams report theirs through streaming.Watch.
type usageReader struct {
	io.ReadCloser
	buf  bytes.Buffer
	u    usage
	once sync.Once
	done func(usage)
}

func newUsageReader(rc io.ReadCloser, done func(usage)) io.ReadCloser {
	return &usageReader{ReadCloser: rc, done: done}
}

func (r *usageReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	if n > 0 && r.buf.Len()+n <= maxTee {
		r.buf.Write(p[:n])
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
		var m struct {
			Usage *wireUsage `json:"usage"`
		}
		if json.Unmarshal(r.buf.Bytes(), &m) == nil {
			m.Usage.into(&r.u)
		}
		r.buf = bytes.Buffer{}
		if r.u.hasInput || r.u.hasOutput {
			r.done(r.u)
		}
	})
}

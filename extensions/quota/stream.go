package quota

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// maxPending bounds the bytes the tap holds while waiting for the end of an
// event; a longer event is skipped (its usage, if any, is lost and reported).
const maxPending = 1 << 20

// streamTap passes a streamed reply through untouched, byte for byte and
// without buffering it, and watches for the usage in message_start and
// message_delta. It finds where each event ends (a blank line) and hands the
// event to streaming's framer to parse, so SSE is read by one parser only.
// The call settles at the end of the stream or when the body is closed.
type streamTap struct {
	rc io.ReadCloser
	c  *call

	mu       sync.Mutex // Read and Close may race when a stream is cancelled
	finished bool
	pending  []byte
	skip     bool // the current event passed maxPending

	usage     client.Usage
	haveStart bool
	delta     client.MessageDeltaUsage
	haveDelta bool
}

func (t *streamTap) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	t.mu.Lock()
	defer t.mu.Unlock()
	if n > 0 && !t.finished {
		t.feed(p[:n])
	}
	if errors.Is(err, io.EOF) {
		t.finish()
	}
	return n, err
}

func (t *streamTap) Close() error {
	t.mu.Lock()
	t.finish()
	t.mu.Unlock()
	return t.rc.Close()
}

func (t *streamTap) feed(b []byte) {
	t.pending = append(t.pending, b...)
	for {
		end := eventEnd(t.pending)
		if end < 0 {
			break
		}
		if !t.skip {
			t.parse(t.pending[:end])
		}
		t.skip = false
		t.pending = t.pending[end:]
	}
	if len(t.pending) > maxPending {
		t.skip = true
		t.pending = t.pending[:0]
	}
	if len(t.pending) == 0 {
		t.pending = t.pending[:0:0] // drop a large buffer once emptied
	}
}

// eventEnd returns the index just past the first blank line (an event's
// end) in b, or -1.
func eventEnd(b []byte) int {
	best := -1
	for _, sep := range [][]byte{[]byte("\n\n"), []byte("\r\n\r\n"), []byte("\r\r")} {
		if i := bytes.Index(b, sep); i >= 0 && (best < 0 || i+len(sep) < best) {
			best = i + len(sep)
		}
	}
	return best
}

func (t *streamTap) parse(block []byte) {
	if !bytes.Contains(block, []byte("message_start")) && !bytes.Contains(block, []byte("message_delta")) {
		return
	}
	f := streaming.NewFramer(bytes.NewReader(block), maxPending)
	for {
		ev, data, err := f.Next()
		if err != nil {
			return
		}
		switch string(ev) {
		case "message_start":
			var m struct {
				Message struct {
					Usage client.Usage `json:"usage"`
				} `json:"message"`
			}
			if json.Unmarshal(data, &m) == nil {
				t.usage, t.haveStart = m.Message.Usage, true
			}
		case "message_delta":
			var m struct {
				Usage *client.MessageDeltaUsage `json:"usage"`
			}
			if json.Unmarshal(data, &m) == nil && m.Usage != nil {
				t.delta, t.haveDelta = *m.Usage, true
			}
		}
	}
}

// finish settles the call with the usage seen: message_start's, updated by
// the cumulative counts of the last message_delta. A stream cut before any
// message_delta keeps the output estimate (max_tokens): the model may have
// produced up to that many before the cut. The caller holds mu.
func (t *streamTap) finish() {
	if t.finished {
		return
	}
	t.finished = true
	t.pending = nil
	if !t.haveStart {
		t.c.q.s.OnError(fmt.Errorf("quota: stream ended without message_start usage; the estimate stands"))
		t.c.settle(t.c.est, nil)
		return
	}
	u := t.usage
	if !t.haveDelta {
		u.OutputTokens = max(u.OutputTokens, t.c.est[2])
	}
	if t.haveDelta {
		d := t.delta
		u.OutputTokens = d.OutputTokens
		if d.InputTokens != nil {
			u.InputTokens = *d.InputTokens
		}
		if d.CacheReadInputTokens != nil {
			u.CacheReadInputTokens = d.CacheReadInputTokens
		}
		if d.CacheCreationInputTokens != nil {
			u.CacheCreationInputTokens = d.CacheCreationInputTokens
		}
	}
	t.c.settleUsage(u)
}

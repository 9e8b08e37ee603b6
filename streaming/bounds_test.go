package streaming_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/claudego/claude/streaming"
)

// endlessDeltas is a stream that sends text deltas forever (up to limit
// bytes, so that code without a bound ends instead of hanging), counting
// the bytes read.
type endlessDeltas struct {
	head  *strings.Reader
	delta string
	n     int
	limit int
}

func (e *endlessDeltas) Read(p []byte) (int, error) {
	if e.head.Len() > 0 {
		return e.head.Read(p)
	}
	if e.n >= e.limit {
		return 0, io.EOF
	}
	k := 0
	for k+len(e.delta) <= len(p) {
		k += copy(p[k:], e.delta)
	}
	if k == 0 {
		k = copy(p, e.delta)
	}
	e.n += k
	return k, nil
}

// TestEndlessStreamIsCapped: valid deltas that never end stop at
// MaxMessageSize with ErrMessageTooLarge instead of growing the message
// without bound.
func TestEndlessStreamIsCapped(t *testing.T) {
	t.Parallel()
	const max = 1 << 20
	src := &endlessDeltas{
		head:  strings.NewReader(sse("message_start", evStart, "content_block_start", evText0)),
		delta: sse("content_block_delta", textDelta(strings.Repeat("x", 200))),
		limit: 64 << 20,
	}
	s := newStream(src, streaming.Config{MaxMessageSize: max})
	drain(s)
	if !errors.Is(s.Err(), streaming.ErrMessageTooLarge) || s.Verdict().Outcome != streaming.OutcomeMalformed {
		t.Fatalf("err %v, verdict %v", s.Err(), s.Verdict().Outcome)
	}
	if src.n > 2*max {
		t.Fatalf("read %d bytes for a cap of %d", src.n, max)
	}
	if m := s.Message(); !m.Incomplete || len(m.Text()) > max {
		t.Fatalf("message of %d bytes, incomplete %v", len(m.Text()), m.Incomplete)
	}
}

// TestManyKeys: an event with a hundred thousand distinct keys is refused
// with an error naming the bound, instead of costing time quadratic in their
// number (48 s for 120,000 keys before).
func TestManyKeys(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`{"type":"message_delta","delta":{"stop_reason":"end_turn"`)
	for i := range 100_000 {
		fmt.Fprintf(&b, `,"k%d":1`, i)
	}
	b.WriteString(`},"usage":{"output_tokens":1}}`)
	body := sse("message_start", evStart, "message_delta", b.String(), "message_stop", evMStop)
	s := newStream(strings.NewReader(body), streaming.Config{})
	drain(s)
	if !errors.Is(s.Err(), streaming.ErrMalformedEvent) || !strings.Contains(s.Err().Error(), "more than 4096 members") {
		t.Fatalf("err %v", s.Err())
	}
}

// TestManyKeysAcrossEvents: keys spread over many message_delta events
// (each under the bound) are indexed, and the message keeps them all.
func TestManyKeysAcrossEvents(t *testing.T) {
	t.Parallel()
	pairs := []string{"message_start", evStart}
	for ev := range 50 {
		var b strings.Builder
		b.WriteString(`{"type":"message_delta","delta":{"stop_reason":"end_turn"`)
		for i := range 1000 {
			fmt.Fprintf(&b, `,"e%dk%d":%d`, ev, i, i)
		}
		b.WriteString(`}}`)
		pairs = append(pairs, "message_delta", b.String())
	}
	pairs = append(pairs, "message_stop", evMStop)
	s := newStream(strings.NewReader(sse(pairs...)), streaming.Config{})
	drain(s)
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	if got := mustJSON(t, s.Message()); !strings.Contains(got, `"e49k999":999`) || !strings.Contains(got, `"e0k0":0`) {
		t.Fatalf("keys lost: %d bytes", len(got))
	}
}

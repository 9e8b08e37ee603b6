package streaming_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/claudego/claude/streaming"
)

// newStream streams body with New, without a client or a context.
func newStream(body io.Reader, cfg streaming.Config) *streaming.Stream {
	return streaming.New(&http.Response{StatusCode: 200, Body: io.NopCloser(body)}, cfg)
}

// TestBuildErrorIsMalformed: a message_delta whose stop_reason has the wrong
// type cannot be built into a Message: the stream ends malformed, the
// message is Incomplete, and the usage that arrived is kept (before, Err was
// nil, Incomplete false and the usage lost).
func TestBuildErrorIsMalformed(t *testing.T) {
	t.Parallel()
	body := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("a"), "content_block_stop", evStop0,
		"message_delta", `{"type":"message_delta","delta":{"stop_reason":5},"usage":{"output_tokens":7}}`,
		"message_stop", evMStop)
	s := newStream(strings.NewReader(body), streaming.Config{})
	drain(s)
	if !errors.Is(s.Err(), streaming.ErrMalformedEvent) || s.Verdict().Outcome != streaming.OutcomeMalformed {
		t.Fatalf("err %v, verdict %v", s.Err(), s.Verdict().Outcome)
	}
	m := s.Message()
	if !m.Incomplete || m.Usage.OutputTokens != 7 || m.Usage.InputTokens != 10 || m.Text() != "a" {
		t.Fatalf("message %s", mustJSON(t, m))
	}
	if u := s.Verdict().Usage; !u.Reported || u.OutputTokens != 7 || u.InputTokens != 10 {
		t.Fatalf("verdict usage %+v", u)
	}
}

// TestMessageSnapshot: a Message returned mid-stream does not change when
// the stream goes on or ends (before, the same pointer was returned and its
// Incomplete flag flipped).
func TestMessageSnapshot(t *testing.T) {
	t.Parallel()
	body := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("a"),
		"content_block_delta", textDelta("b"), "content_block_stop", evStop0, "message_stop", evMStop)
	s := newStream(strings.NewReader(body), streaming.Config{})
	for s.Next() {
		if s.Event().Type == streaming.TypeContentBlockStop {
			break
		}
	}
	early := s.Message()
	before := mustJSON(t, early)
	drain(s)
	final := s.Message()
	if s.Err() != nil || final.Incomplete || final.Text() != "ab" {
		t.Fatalf("final %s: %v", mustJSON(t, final), s.Err())
	}
	if early == final || !early.Incomplete || mustJSON(t, early) != before {
		t.Fatalf("the snapshot changed: %s, then %s", before, mustJSON(t, early))
	}
}

// blockingBody never returns from Read until closed.
type blockingBody struct{ closed chan struct{} }

func (b *blockingBody) Read([]byte) (int, error) { <-b.closed; return 0, errors.New("closed") }
func (b *blockingBody) Close() error {
	select {
	case <-b.closed:
	default:
		close(b.closed)
	}
	return nil
}

// TestCloseWhilePaused: Close from another goroutine ends a Next waiting on
// Pause, on a stream made by New without a context (before, Next waited
// forever; synctest reports that as a deadlock).
func TestCloseWhilePaused(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		body := io.MultiReader(strings.NewReader(sse("message_start", evStart)), &blockingBody{closed: make(chan struct{})})
		s := newStream(body, streaming.Config{})
		if !s.Next() {
			t.Fatal(s.Err())
		}
		s.Pause()
		done := make(chan bool)
		go func() { done <- s.Next() }()
		synctest.Wait()
		_ = s.Close()
		if <-done || s.Err() != nil || s.Verdict().Outcome != streaming.OutcomeAbandoned {
			t.Fatalf("after Close: err %v, verdict %v", s.Err(), s.Verdict().Outcome)
		}
	})
}

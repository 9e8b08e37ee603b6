package streaming_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/streaming"
)

const (
	evStart = `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"cache_read_input_tokens":4,"output_tokens":1}}}`
	evText0 = `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`
	evStop0 = `{"type":"content_block_stop","index":0}`
	evMStop = `{"type":"message_stop"}`
)

func textDelta(s string) string {
	return `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"` + s + `"}}`
}

// hangingServer writes body, flushes, then waits until the client goes
// away; closed reports when it noticed.
func hangingServer(t *testing.T, body string) (<-chan struct{}, func(streaming.Config) *streaming.Stream) {
	t.Helper()
	gone := make(chan struct{}, 8)
	srv := sseServerFunc(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_hang")
		_, _ = io.WriteString(w, body)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		gone <- struct{}{}
	})
	mk := func(cfg streaming.Config) *streaming.Stream { return open(t, srv, cfg) }
	return gone, mk
}

func waitGone(t *testing.T, gone <-chan struct{}) {
	t.Helper()
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the request was not released")
	}
}

func TestTruncated(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"between events": sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("Hel")),
		"mid event":      sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("Hel")) + "event: content_block_delta\ndata: {\"type\":\"content_bl",
		"empty":          "",
	} {
		t.Run(name, func(t *testing.T) {
			s := streamBody(t, body, streaming.Config{})
			drain(s)
			if !errors.Is(s.Err(), streaming.ErrTruncated) {
				t.Fatalf("err = %v", s.Err())
			}
			m := s.Message()
			if !m.Incomplete || (name != "empty" && m.Text() != "Hel") {
				t.Fatalf("message %+v", m)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	t.Parallel()
	body := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}`)
	s := streamBody(t, body, streaming.Config{})
	drain(s)
	err := s.Err()
	if !errors.Is(err, streaming.ErrMalformedEvent) || !strings.Contains(err.Error(), "content_block_delta") || !strings.Contains(err.Error(), "#3") {
		t.Fatalf("err = %v", err)
	}
	if !s.Message().Incomplete {
		t.Fatal("message complete")
	}
}

func TestInvalidToolInput(t *testing.T) {
	t.Parallel()
	start := `{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get","input":{}}}`
	delta := `{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Par"}}`
	body := sse("message_start", evStart, "content_block_start", evText0, "content_block_stop", evStop0, "content_block_start", start, "content_block_delta", delta)
	s := streamBody(t, body+sse("content_block_stop", `{"type":"content_block_stop","index":1}`), streaming.Config{})
	for s.Next() {
		if ev := s.Event(); ev.Type == "content_block_delta" {
			in, ok := s.PartialInput(1)
			if !ok || string(in) != `{"city":"Par"}` {
				t.Fatalf("partial input %s %v", in, ok)
			}
		}
	}
	err := s.Err()
	if !errors.Is(err, streaming.ErrMalformedEvent) || !strings.Contains(err.Error(), "content block 1 (tool_use)") {
		t.Fatalf("err = %v", err)
	}
	if m := s.Message(); !m.Incomplete || len(m.Content) != 2 {
		t.Fatalf("message %+v", m)
	}
}

func TestToolInput(t *testing.T) {
	t.Parallel()
	start := `{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get","input":{}}}`
	start2 := `{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_2","name":"now","input":{}}}`
	d := func(i, s string) string {
		return `{"type":"content_block_delta","index":` + i + `,"delta":{"type":"input_json_delta","partial_json":"` + s + `"}}`
	}
	body := sse("message_start", evStart, "content_block_start", start, "content_block_delta", d("0", `{\"city\": `), "content_block_delta", d("0", `\"Paris\", \"n\": [1, 2]}`),
		"content_block_stop", evStop0, "content_block_start", start2, "content_block_delta", d("1", ""), "content_block_stop", `{"type":"content_block_stop","index":1}`, "message_stop", evMStop)
	s := streamBody(t, body, streaming.Config{})
	drain(s)
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	uses := s.Message().ToolUses()
	if len(uses) != 2 || uses[0].Input["city"] != "Paris" || len(uses[1].Input) != 0 {
		t.Fatalf("tool uses %+v", uses)
	}
	if got := mustJSON(t, s.Message().Content[1]); !strings.Contains(got, `"input":{}`) {
		t.Fatalf("empty input: %s", got)
	}
}

// TestLossless: unknown block types, unknown deltas and unknown fields are
// kept; usage merges non-null counts; every message_delta field lands.
// TestLossless: unknown fields on the message, on blocks at
// content_block_start, on usage and on message_delta are kept; a delta
// applies only its documented meaning: an unknown delta type leaves its
// block as content_block_start gave it (the event is still delivered, raw),
// and an unknown member of a known delta never becomes a block field.
func TestLossless(t *testing.T) {
	t.Parallel()
	body := sse(
		"message_start", evStart,
		"content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"future_block","note":"a","items":[0],"n":1,"extra":{"k":true}}}`,
		"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"future_delta","note":"b\n","items":[1,2],"n":5}}`,
		"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"future_delta","note":"c"}}`,
		"content_block_stop", evStop0,
		"content_block_start", `{"type":"content_block_start","index":1,"content_block":{"type":"text","text":"","citations":[]}}`,
		"content_block_delta", `{"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}}`,
		"content_block_delta", `{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"A\u00e9","parsed":{"x":1},"note":"no"}}`,
		"content_block_stop", `{"type":"content_block_stop","index":1}`,
		"content_block_start", `{"type":"content_block_start","index":2,"content_block":{"type":"thinking","thinking":"","signature":""}}`,
		"content_block_delta", `{"type":"content_block_delta","index":2,"delta":{"type":"thinking_delta","thinking":"hm"}}`,
		"content_block_delta", `{"type":"content_block_delta","index":2,"delta":{"type":"signature_delta","signature":"SIG"}}`,
		"content_block_stop", `{"type":"content_block_stop","index":2}`,
		"message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null,"stop_details":{"type":"x","category":"cyber","explanation":null},"container":{"id":"c1"}},"usage":{"input_tokens":null,"cache_read_input_tokens":7,"output_tokens":9,"server_tool_use":{"web_search_requests":1}},"context_management":{"applied_edits":[]}}`,
		"message_stop", evMStop,
	)
	s := streamBody(t, body, streaming.Config{})
	var raw []string
	for s.Next() {
		if ev := s.Event(); strings.Contains(string(ev.Data), "future_delta") {
			raw = append(raw, string(ev.Data))
		}
	}
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	if len(raw) != 2 {
		t.Errorf("unknown deltas delivered: %q", raw)
	}
	got := mustJSON(t, s.Message())
	for _, bad := range []string{`"parsed"`, `"note":"no"`, `"note":"ab`} {
		if strings.Contains(got, bad) {
			t.Errorf("a delta's field became a block field (%s):\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`{"type":"future_block","note":"a","items":[0],"n":1,"extra":{"k":true}}`,
		`"citations":[{"type":"char_location","cited_text":"x"}]`,
		`"thinking":"hm","signature":"SIG"`,
		`"id":"c1"`,
		`"stop_reason":"end_turn"`,
		`"input_tokens":10`,
		`"cache_read_input_tokens":7`,
		`"output_tokens":9`,
		`"web_search_requests":1`,
		`"applied_edits":[]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("message lacks %s:\n%s", want, got)
		}
	}
	// category and explanation are always sent (null when unknown), so the
	// accumulated message re-encodes them in the generated key order.
	if !strings.Contains(got, `"stop_details":{"category":"cyber","explanation":null,"type":"x"}`) {
		t.Errorf("stop_details lost: %s", got)
	}
	if tb, err := s.Message().Content[1].AsTextBlock(); err != nil || tb.Text != "Aé" {
		t.Errorf("text block %+v %v", tb, err)
	}
}

// TestWireFormat: line ends, BOM, comments, id/retry, multi-line data, an
// event without event: line, padding.
func TestWireFormat(t *testing.T) {
	t.Parallel()
	base := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("Hi"), "content_block_stop", evStop0, "message_stop", evMStop)
	variants := map[string]string{
		"lf":   base,
		"crlf": strings.ReplaceAll(base, "\n", "\r\n"),
		"cr":   strings.ReplaceAll(base, "\n", "\r"),
		"bom":  "\ufeff" + base,
		"extras": ": comment\n\nid: 7\nretry: 100\nevent: message_start\ndata:" + evStart + "\n\n" +
			"data: {\"type\":\"content_block_start\",\n" + "data: \"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
			"event:content_block_delta\r\ndata: " + textDelta("Hi") + "      \r\n\r\n" +
			"event: content_block_stop\rdata: " + evStop0 + "\r\r" +
			"data: " + evMStop + "\n\n",
	}
	for name, body := range variants {
		t.Run(name, func(t *testing.T) {
			for _, c := range []chunker{whole(), fixed(1)} {
				s := open(t, sseServer(t, []byte(body), nil, c), streaming.Config{})
				types := drain(s)
				if s.Err() != nil || s.Message().Text() != "Hi" || len(types) != 5 {
					t.Fatalf("types %v err %v text %q", types, s.Err(), s.Message().Text())
				}
			}
		})
	}
}

func TestEventTooLarge(t *testing.T) {
	t.Parallel()
	big := textDelta(strings.Repeat("x", 3000))
	body := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", big)
	s := streamBody(t, body, streaming.Config{MaxEventSize: 1024})
	drain(s)
	if err := s.Err(); !errors.Is(err, streaming.ErrEventTooLarge) || !strings.Contains(err.Error(), "an event of at least ") || !strings.Contains(err.Error(), " bytes exceeds the limit of 1024 bytes") || s.Verdict().Outcome != streaming.OutcomeMalformed {
		t.Fatalf("err = %v", err)
	}
}

func TestIdleTimeout(t *testing.T) {
	t.Parallel()
	gone, mk := hangingServer(t, sse("message_start", evStart))
	s := mk(streaming.Config{IdleTimeout: 50 * time.Millisecond})
	drain(s)
	if !errors.Is(s.Err(), streaming.ErrIdleTimeout) || !s.Message().Incomplete {
		t.Fatalf("err = %v", s.Err())
	}
	waitGone(t, gone)
}

// TestIdleSlowConsumer: time the consumer spends between Next calls is not
// idle time (synctest: the bubble's clock, so no real sleeping).
func TestIdleSlowConsumer(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		body := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("a"), "content_block_stop", evStop0, "message_stop", evMStop)
		s := pipeOpen(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, body) }, streaming.Config{IdleTimeout: 30 * time.Millisecond})
		for s.Next() {
			time.Sleep(60 * time.Millisecond)
		}
		if s.Err() != nil || s.Message().Incomplete {
			t.Fatalf("err %v", s.Err())
		}
	})
}

func TestCancel(t *testing.T) {
	t.Parallel()
	gone, mk := hangingServer(t, sse("message_start", evStart))
	s := mk(streaming.Config{})
	if !s.Next() {
		t.Fatal(s.Err())
	}
	time.AfterFunc(20*time.Millisecond, s.Cancel)
	if s.Next() || !errors.Is(s.Err(), context.Canceled) {
		t.Fatalf("err = %v", s.Err())
	}
	waitGone(t, gone)
}

func TestContextCancel(t *testing.T) {
	t.Parallel()
	gone := make(chan struct{}, 1)
	srv := sseServerFunc(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, sse("message_start", evStart))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		gone <- struct{}{}
	})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := httpClient(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := streaming.New(resp, streaming.Config{})
	if !s.Next() {
		t.Fatal(s.Err())
	}
	cancel() // the request's context: the Stream reads it from resp.Request
	drain(s)
	if !errors.Is(s.Err(), context.Canceled) {
		t.Fatalf("err = %v", s.Err())
	}
	waitGone(t, gone)
}

func TestBreakClosesBody(t *testing.T) {
	t.Parallel()
	gone, mk := hangingServer(t, sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("a")))
	s := mk(streaming.Config{})
	for range s.Text() {
		break
	}
	waitGone(t, gone)
	if s.Next() || s.Err() != nil {
		t.Fatalf("after break: err %v", s.Err())
	}
}

// closeRecorder is a body that records Close.
type closeRecorder struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeRecorder) Close() error { c.closed.Store(true); return nil }

// TestNewWithoutClient: New streams any body; it is closed on message_stop
// and on errors.
func TestNewWithoutClient(t *testing.T) {
	t.Parallel()
	body := sse("message_start", evStart, "content_block_start", evText0, "content_block_delta", textDelta("ok"), "content_block_stop", evStop0, "message_stop", evMStop)
	for _, tc := range []struct {
		body string
		err  error
	}{{body, nil}, {body[:len(body)/2], streaming.ErrTruncated}} {
		rb := &closeRecorder{Reader: strings.NewReader(tc.body)}
		s := streaming.New(&http.Response{StatusCode: 200, Body: rb}, streaming.Config{})
		last := ""
		for s.Next() {
			last = s.Event().Type
			if last == "message_stop" && !rb.closed.Load() {
				t.Fatal("body open after message_stop")
			}
		}
		if !errors.Is(s.Err(), tc.err) && s.Err() != tc.err || !rb.closed.Load() {
			t.Fatalf("err %v closed %v", s.Err(), rb.closed.Load())
		}
	}
}

// TestPauseResume: while paused nothing is read, so the server's writes
// stall (an in-memory connection: a write waits for the reader, as TCP flow
// control makes it once buffers fill); after Resume every event arrives.
// Paused time, however long, is not idle time.
func TestPauseResume(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const deltas = 2000
		var written atomic.Int64
		s := pipeOpen(t, func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, sse("message_start", evStart, "content_block_start", evText0))
			w.(http.Flusher).Flush()
			for i := 0; i < deltas; i++ {
				if _, err := io.WriteString(w, sse("content_block_delta", textDelta("abcdefgh"))); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				written.Add(1)
			}
			_, _ = io.WriteString(w, sse("content_block_stop", evStop0, "message_stop", evMStop))
		}, streaming.Config{IdleTimeout: 150 * time.Millisecond})
		if !s.Next() {
			t.Fatal(s.Err())
		}
		s.Pause()
		next := make(chan bool)
		go func() { next <- s.Next() }()
		time.Sleep(10 * time.Second) // far past the idle timeout: paused time does not count
		synctest.Wait()
		w1 := written.Load()
		time.Sleep(10 * time.Second)
		synctest.Wait()
		select {
		case <-next:
			t.Fatal("Next returned while paused")
		default:
		}
		if w2 := written.Load(); w1 != w2 || w2 >= deltas {
			t.Fatalf("server kept writing while paused: %d then %d of %d", w1, w2, deltas)
		}
		s.Resume()
		if !<-next {
			t.Fatal(s.Err())
		}
		drain(s)
		if s.Err() != nil || len(s.Message().Text()) != deltas*8 {
			t.Fatalf("err %v, %d bytes of text", s.Err(), len(s.Message().Text()))
		}
	})
}

// TestEventsOutliveTheirStream: the framer's buffers go to the next stream
// once a stream is read to its end, so the Events kept from it must hold
// copies: reading a second stream changes none of the first one's.
func TestEventsOutliveTheirStream(t *testing.T) {
	first := streamBody(t, string(textStream(3)), streaming.Config{})
	var kept []streaming.Event
	var want []string
	for first.Next() {
		kept = append(kept, first.Event())
		want = append(want, string(first.Event().Data))
	}
	if first.Err() != nil || len(kept) == 0 {
		t.Fatalf("first stream: %v, %d events", first.Err(), len(kept))
	}
	for range 3 {
		other := streamBody(t, string(jsonStream(20)), streaming.Config{})
		drain(other)
	}
	for i, ev := range kept {
		if string(ev.Data) != want[i] {
			t.Fatalf("event %d of the first stream changed to %q, was %q", i, ev.Data, want[i])
		}
	}
}

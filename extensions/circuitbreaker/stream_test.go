package circuitbreaker_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
)

// sseReply is a streamed reply: message_start, then either an overloaded
// error event (fail) or one text delta and a clean end.
func sseReply(fail bool) string {
	var b strings.Builder
	ev := func(name, data string) { b.WriteString("event: " + name + "\ndata: " + data + "\n\n") }
	ev("message_start", `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}`)
	if fail {
		ev("error", `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
		return b.String()
	}
	ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`)
	ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"`+strings.Repeat("long line ", 300)+`"}}`)
	ev("content_block_stop", `{"type":"content_block_stop","index":0}`)
	ev("message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}`)
	ev("message_stop", `{"type":"message_stop"}`)
	return b.String()
}

// TestStreamOutcomeCounts: a 200 stream that fails with an overloaded error
// event counts as a failure when it ends, a clean one as a success, and one
// the caller abandons not at all.
func TestStreamOutcomeCounts(t *testing.T) {
	fail := make(chan bool, 16)
	abandon := make(chan bool, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		reply := sseReply(<-fail)
		if <-abandon {
			// Send the first event only, then hold the stream open until the
			// client walks away.
			first := reply[:strings.Index(reply, "\n\n")+2]
			_, _ = io.WriteString(w, first)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
			return
		}
		_, _ = io.WriteString(w, reply)
	}))
	defer srv.Close()
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: 2})
	c, err := client.New(client.WithAPIKey("sk-ant-test-breaker"), client.WithBaseURL(srv.URL), b.Option())
	if err != nil {
		t.Fatal(err)
	}
	req := client.MessageRequest{Model: "m", MaxTokens: 8, Messages: []client.MessageParam{client.UserText("hi")}}
	stream := func(f bool, drain bool) error {
		fail <- f
		abandon <- !drain
		s, err := c.Messages.Stream(context.Background(), req)
		if err != nil {
			return err
		}
		if drain {
			for s.Next() {
			}
		} else {
			s.Next() // read the first event only, then walk away
		}
		_ = s.Close()
		return s.Err()
	}

	if err := stream(false, true); err != nil {
		t.Fatalf("clean stream: %v", err)
	}
	if got := b.Counts(); got.TotalSuccesses != 1 || got.TotalFailures != 0 {
		t.Fatalf("after a clean stream: %+v", got)
	}
	if err := stream(false, false); err != nil {
		t.Fatalf("abandoned stream: %v", err)
	}
	if got := b.Counts(); got.TotalSuccesses != 1 || got.TotalFailures != 0 {
		t.Fatalf("an abandoned stream was counted: %+v", got)
	}
	for i := 0; i < 2; i++ {
		if err := stream(true, true); !errors.Is(err, client.ErrOverloaded) {
			t.Fatalf("failing stream %d: err %v", i, err)
		}
	}
	if got := b.Counts(); got.TotalFailures != 2 || b.State() != circuitbreaker.Open {
		t.Fatalf("after two overloaded streams: %+v, state %v", got, b.State())
	}
	fail <- false // never consumed: an open circuit sends nothing
	abandon <- false
	if _, err := c.Messages.Stream(context.Background(), req); !errors.Is(err, client.ErrCircuitOpen) {
		t.Fatalf("stream through an open circuit: %v", err)
	}
}

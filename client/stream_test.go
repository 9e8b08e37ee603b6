package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// streamCase returns the recorded case name.
func streamCase(t *testing.T, name string) recordedCase {
	t.Helper()
	for _, c := range recordedCases(t, "/v1/messages") {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no recorded case %s", name)
	return recordedCase{}
}

// TestStreamRecorded: Messages.Stream sends "stream": true through the same
// pipeline and accumulates a recorded stream into the reply.
// No goroutine outlives the stream: the subtest's server and transport are
// gone when goleak looks.
func TestStreamRecorded(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Run("text", testStreamRecorded)
	goleak.VerifyNone(t, ignore)
}

func testStreamRecorded(t *testing.T) {
	rc := streamCase(t, "stream-text")
	var sent map[string]any
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &sent)
		if r.Header.Get("x-api-key") != testKey || r.URL.Path != "/v1/messages" {
			w.WriteHeader(400)
			return
		}
		serveCase(rc)(w, r)
	}), client.WithHTTPClient(&http.Client{Transport: tr}))
	s, err := c.Messages.Stream(context.Background(), minimalRequest())
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for chunk, err := range s.Text() {
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(chunk)
	}
	if sent["stream"] != true {
		t.Fatalf("request stream = %v", sent["stream"])
	}
	m := s.Message()
	if m.Incomplete || m.Text() != text.String() || text.Len() == 0 || m.StopReason == nil {
		t.Fatalf("message %+v, text %q", m, text.String())
	}
}

// TestStreamHTTPError: a non-2xx is the same *APIError Create returns, before
// any event.
func TestStreamHTTPError(t *testing.T) {
	t.Parallel()
	rc := streamCase(t, "error-529-overloaded")
	c := setup(t, serveCase(rc))
	s, err := c.Messages.Stream(context.Background(), minimalRequest())
	if s != nil || !errors.Is(err, client.ErrOverloaded) {
		t.Fatalf("stream %v, err %v", s, err)
	}
	apiErr, ok := err.(*client.APIError)
	if !ok || apiErr.MidStream || apiErr.StatusCode != 529 || apiErr.Op != "messages.stream" {
		t.Fatalf("err %#v", err)
	}
}

// TestStreamValidation: an invalid request fails before any I/O.
func TestStreamValidation(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("request sent")
	}))
	req := minimalRequest()
	req.MaxTokens = 0
	if _, err := c.Messages.Stream(context.Background(), req); !errors.Is(err, client.ErrValidation) {
		t.Fatalf("err %v", err)
	}
}

// TestStreamMidStreamError: `event: error` after some content is an
// *APIError with MidStream, the stream's request-id and ErrOverloaded; the
// partial message is Incomplete.
func TestStreamMidStreamError(t *testing.T) {
	t.Parallel()
	body := "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n" +
		"event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
		"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n" +
		string(streamCase(t, "stream-error-event-overloaded").Body)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_mid")
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, body)
	}))
	s, err := c.Messages.Stream(context.Background(), minimalRequest())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for s.Next() {
	}
	var apiErr *client.APIError
	if !errors.As(s.Err(), &apiErr) || !apiErr.MidStream || apiErr.RequestID != "req_mid" || !errors.Is(s.Err(), client.ErrOverloaded) {
		t.Fatalf("err %#v", s.Err())
	}
	if m := s.Message(); !m.Incomplete || m.Text() != "Hel" || m.ID != "msg_1" {
		t.Fatalf("message %+v", m)
	}
}

// TestStreamOptions: WithStreamIdleTimeout and WithMaxEventSize reach the
// stream; cancelling the context ends it.
func TestStreamOptions(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if r.URL.Query().Get("big") == "" {
			_, _ = io.WriteString(w, "event: ping\ndata: {\"type\":\"ping\"}\n\n")
		} else {
			_, _ = io.WriteString(w, "event: ping\ndata: {\"type\":\"ping\",\"pad\":\""+strings.Repeat("x", 2000)+"\"}\n\n")
		}
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer close(release)

	// Under load the bound may fire before the headers arrive, so the
	// error is read from Stream or from the stream, whichever reports it.
	if err := firstStreamErr(c.Messages.Stream(context.Background(), minimalRequest(), client.WithStreamIdleTimeout(50*time.Millisecond))); !errors.Is(err, streaming.ErrIdleTimeout) {
		t.Fatalf("idle: err %v", err)
	}

	big := client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.URL.RawQuery = "big=1"
			return next.RoundTrip(r)
		})
	})
	s, err := c.Messages.Stream(context.Background(), minimalRequest(), big, client.WithMaxEventSize(1000), client.WithTimeout(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if s.Next() || !errors.Is(s.Err(), streaming.ErrEventTooLarge) || !strings.Contains(s.Err().Error(), "1000") {
		t.Fatalf("size: err %v", s.Err())
	}

	if err := firstStreamErr(c.Messages.Stream(context.Background(), minimalRequest(), client.WithTimeout(50*time.Millisecond))); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timeout: err %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	if err := firstStreamErr(c.Messages.Stream(ctx, minimalRequest())); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancel: err %v", err)
	}
}

// firstStreamErr is the error a stream that must fail reports: from opening
// it, or else from reading it (an event instead is an error too).
func firstStreamErr(s *streaming.Stream, err error) error {
	if err != nil {
		return err
	}
	defer s.Close()
	if s.Next() {
		return fmt.Errorf("got event %q, want an error", s.Event().Type)
	}
	return s.Err()
}

// ExampleMessagesService_Stream prints a reply as it streams, then its stop
// reason, from a loopback server speaking the API's wire format.
func ExampleMessagesService_Stream() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for _, ev := range []string{
			`{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":8,"output_tokens":1}}}`,
			`{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`,
			`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}`,
			`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", world!"}}`,
			`{"type":"content_block_stop","index":0}`,
			`{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}`,
			`{"type":"message_stop"}`,
		} {
			fmt.Fprintf(w, "data: %s\n\n", ev)
		}
	}))
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := c.Messages.Stream(context.Background(), client.MessageRequest{
		Model:     "claude-haiku-4-5",
		MaxTokens: 256,
		Messages:  []client.MessageParam{client.UserText("Say hello")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for text, err := range s.Text() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(text)
	}
	m := s.Message()
	fmt.Printf("\n%s, %d output tokens\n", *m.StopReason, m.Usage.OutputTokens)
	// Output:
	// Hello, world!
	// end_turn, 4 output tokens
}

// TestStreamMessageSizeOption: WithMaxStreamMessageSize reaches the stream,
// which ends with ErrMessageTooLarge (re-exported here, as are the other
// stream sentinels) and a malformed verdict.
func TestStreamMessageSizeOption(t *testing.T) {
	t.Parallel()
	delta := "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + strings.Repeat("x", 512) + "\"}}\n\n"
	body := "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n" +
		"event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
		strings.Repeat(delta, 64)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, body)
	}))
	s, err := c.Messages.Stream(context.Background(), minimalRequest(), client.WithMaxStreamMessageSize(8<<10))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for s.Next() {
	}
	if !errors.Is(s.Err(), client.ErrMessageTooLarge) || !errors.Is(s.Err(), client.ErrMalformedEvent) || s.Verdict().Outcome != streaming.OutcomeMalformed {
		t.Fatalf("err %v, verdict %v", s.Err(), s.Verdict().Outcome)
	}
	if n := len(s.Message().Text()); n > 8<<10 {
		t.Fatalf("%d bytes accumulated past the cap", n)
	}
}

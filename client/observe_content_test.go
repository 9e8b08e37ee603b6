package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
	"github.com/claudego/claude/streaming"
)

// contentRecorder is a recorder that asks for the reply (ContentObserver).
type contentRecorder struct {
	recorder
	want bool
}

func (r *contentRecorder) ObservesContent() bool { return r.want }

// TestContentObserverStream: a ContentObserver that wants content gets the
// completed stream's Message at stream_end and call_end, equal to what
// Stream.Message returns; when no observer wants it (one declines, one is a
// plain Observer) no event carries it; a truncated stream carries none.
func TestContentObserverStream(t *testing.T) {
	t.Parallel()
	complete := sseStream("message_start", obsStart, "content_block_start", obsBlock, "content_block_delta", obsDelta,
		"content_block_stop", `{"type":"content_block_stop","index":0}`, "message_delta", obsMDelt, "message_stop", `{"type":"message_stop"}`)
	truncated := sseStream("message_start", obsStart, "content_block_start", obsBlock, "content_block_delta", obsDelta)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if r.URL.Query().Get("case") == "truncated" {
			_, _ = io.WriteString(w, truncated)
			return
		}
		_, _ = io.WriteString(w, complete)
	}))
	wants := &contentRecorder{want: true}
	s, err := c.Messages.Stream(context.Background(), minimalRequest(), client.WithObserver(wants))
	if err != nil {
		t.Fatal(err)
	}
	for s.Next() {
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []client.EventKind{client.EventStreamEnd, client.EventCallEnd} {
		m := wants.last(k).Message
		if m == nil || m.Text() != "Hi" || m.Text() != s.Message().Text() || m.ID != "msg_s" || m.StopReason == nil || *m.StopReason != "end_turn" {
			t.Errorf("%s message %+v, want the stream's", k, m)
		}
	}

	declines, plain := &contentRecorder{}, &recorder{}
	s, err = c.Messages.Stream(context.Background(), minimalRequest(), client.WithObserver(declines), client.WithObserver(plain))
	if err != nil {
		t.Fatal(err)
	}
	for s.Next() {
	}
	for _, k := range []client.EventKind{client.EventStreamEnd, client.EventCallEnd} {
		if declines.last(k).Message != nil || plain.last(k).Message != nil {
			t.Errorf("%s carries the message though no observer asked", k)
		}
	}

	cut := &contentRecorder{want: true}
	s, err = c.Messages.Stream(context.Background(), minimalRequest(), client.WithObserver(cut), withQuery("case", "truncated"))
	if err != nil {
		t.Fatal(err)
	}
	for s.Next() {
	}
	if se := cut.last(client.EventStreamEnd); se.Verdict.Outcome != streaming.OutcomeTruncated || se.Message != nil || se.ErrorType != "truncated" {
		t.Errorf("truncated stream_end %+v", se)
	}
}

// TestContentObserverCreate: a non-streamed Messages reply reaches a
// ContentObserver at call_end as the decoded Message.
func TestContentObserverCreate(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, okReply)
	}))
	rec, plain := &contentRecorder{want: true}, &recorder{}
	m, err := c.Messages.Create(context.Background(), minimalRequest(), client.WithObserver(rec))
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.last(client.EventCallEnd).Message; got != m {
		t.Errorf("call_end message %p, want the reply %p", got, m)
	}
	if _, err := c.Messages.Create(context.Background(), minimalRequest(), client.WithObserver(plain)); err != nil {
		t.Fatal(err)
	}
	if plain.last(client.EventCallEnd).Message != nil {
		t.Error("call_end carries the message though no observer asked")
	}
}

// TestAttemptErrorType: an attempt that got an error reply names the API's
// error type (read from the body, which the layers above still read
// whole), and the retry and the call's end carry the same class.
func TestAttemptErrorType(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
		case 2:
			w.WriteHeader(502)
			_, _ = io.WriteString(w, `<html>bad gateway</html>`)
		default:
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too big"}}`)
		}
	}), retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	rec := &recorder{}
	_, err := c.Messages.Create(context.Background(), minimalRequest(), client.WithObserver(rec))
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.Type != "invalid_request_error" || ae.Message != "max_tokens: too big" {
		t.Fatalf("err %v: the body did not reach the error whole", err)
	}
	var attempts, retries []string
	rec.mu.Lock()
	for _, e := range rec.events {
		switch e.Kind {
		case client.EventAttemptEnd:
			attempts = append(attempts, e.ErrorType)
		case client.EventRetry:
			retries = append(retries, e.ErrorType)
		}
	}
	rec.mu.Unlock()
	if got := strings.Join(attempts, ","); got != "overloaded_error,502,invalid_request_error" {
		t.Errorf("attempt error types %q", got)
	}
	if got := strings.Join(retries, ","); got != "overloaded_error,502" {
		t.Errorf("retry error types %q", got)
	}
	if got := rec.last(client.EventCallEnd).ErrorType; got != "invalid_request_error" {
		t.Errorf("call_end error type %q", got)
	}
}

// TestErrorType names each class of failure, in the conventions' order.
func TestErrorType(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: &net.AddrError{Err: "x"}}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{&client.APIError{StatusCode: 529, Type: "overloaded_error"}, "overloaded_error"},
		{fmt.Errorf("claude: messages.create: %w", &client.APIError{StatusCode: 502}), "502"},
		{fmt.Errorf("x: %w", client.ErrTruncated), "truncated"},
		{fmt.Errorf("x: %w", client.ErrIdleTimeout), "idle_timeout"},
		{client.ErrCircuitOpen, "circuit_open"},
		{&client.ValidationError{Field: "model", Reason: "empty"}, "validation"},
		{context.Canceled, "context_canceled"},
		{fmt.Errorf("retry: %w", context.DeadlineExceeded), "timeout"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, "connection_refused"},
		{&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, "connection_reset"},
		{&net.DNSError{Err: "no such host", Name: "api.invalid"}, "dns_error"},
		{io.ErrUnexpectedEOF, "connection_closed"},
		{refused, client.ErrorTypeOther},
		{errors.New("something else"), client.ErrorTypeOther},
	} {
		if got := client.ErrorType(tc.err); got != tc.want {
			t.Errorf("ErrorType(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// openStreamServer serves one message_start, then holds the stream open
// until the request's context ends, which it reports on done.
func openStreamServer(t *testing.T, done chan<- struct{}) string {
	return newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		close(done)
	}))
}

// TestStreamContexts: a stream whose context can end is watched (cancelling
// it decides the verdict without another Next), and one whose context
// never ends (Background, which gets no watcher and no cancel of its own)
// still releases the connection when closed: the server sees the request
// end either way.
func TestStreamContexts(t *testing.T) {
	t.Run("cancellable", func(t *testing.T) {
		done := make(chan struct{})
		c, err := client.New(client.WithAPIKey("sk-ant-test-ctx"), client.WithBaseURL(openStreamServer(t, done)))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		s, err := c.Messages.Stream(ctx, minimalRequest())
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !s.Next() {
			t.Fatal(s.Err())
		}
		cancel()
		<-done
		if v := s.Verdict(); v.Outcome != streaming.OutcomeCanceled || !errors.Is(v.Err, context.Canceled) {
			t.Fatalf("verdict %+v after the context was cancelled, want canceled", v)
		}
	})
	t.Run("background", func(t *testing.T) {
		done := make(chan struct{})
		c, err := client.New(client.WithAPIKey("sk-ant-test-ctx"), client.WithBaseURL(openStreamServer(t, done)))
		if err != nil {
			t.Fatal(err)
		}
		s, err := c.Messages.Stream(context.Background(), minimalRequest())
		if err != nil {
			t.Fatal(err)
		}
		if !s.Next() {
			t.Fatal(s.Err())
		}
		if v := s.Verdict(); v.Outcome != streaming.OutcomePending {
			t.Fatalf("verdict %+v before the end", v)
		}
		_ = s.Close()
		<-done
		if v := s.Verdict(); v.Outcome != streaming.OutcomeAbandoned || s.Next() {
			t.Fatalf("verdict %+v after Close, want abandoned", v)
		}
	})
}

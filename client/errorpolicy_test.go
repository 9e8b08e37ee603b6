package client_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
	"github.com/claudego/claude/streaming"
)

// checkOnce asserts the one error shape: "claude: OP: ..." with the "claude:"
// prefix and the operation once, and no *url.Error text (`Post "http...":`).
func checkOnce(t *testing.T, err error, op string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "claude: "+op+": ") {
		t.Errorf("%q does not start with %q", msg, "claude: "+op+": ")
	}
	if n := strings.Count(msg, "claude:"); n != 1 {
		t.Errorf("%q says claude: %d times", msg, n)
	}
	for _, other := range []string{"messages.create", "messages.stream", "messages.count_tokens"} {
		if n := strings.Count(msg, other); (other == op && n != 1) || (other != op && n != 0) {
			t.Errorf("%q names %s %d times", msg, other, n)
		}
	}
	if strings.Contains(msg, `Post "`) || strings.Contains(msg, `Get "`) {
		t.Errorf("%q carries the *url.Error wrapper", msg)
	}
}

func serverError(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("request-id", "req_policy")
	w.WriteHeader(500)
	fmt.Fprint(w, `{"type":"error","error":{"type":"api_error","message":"boom"}}`)
}

func fastRetry() client.Option {
	return retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, Jitter: -1})
}

// TestErrorPolicyThroughRetry: a stream whose attempts all fail reads
// "claude: messages.stream: retry: retries exhausted after 3 attempt(s): 500
// api_error: boom (request-id req_policy)"; it used to be labelled
// messages.create, wrapped in `Post "url":` and name the operation twice.
func TestErrorPolicyThroughRetry(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(serverError), fastRetry())
	for _, tc := range []struct {
		op   string
		call func() error
	}{
		{"messages.stream", func() error {
			s, err := c.Messages.Stream(context.Background(), minimalRequest())
			if err == nil {
				s.Close()
			}
			return err
		}},
		{"messages.create", func() error { _, err := c.Messages.Create(context.Background(), minimalRequest()); return err }},
		{"messages.count_tokens", func() error {
			_, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}})
			return err
		}},
	} {
		err := tc.call()
		checkOnce(t, err, tc.op)
		var apiErr *client.APIError
		var re *retry.Error
		if !errors.As(err, &apiErr) || apiErr.Op != tc.op || !errors.As(err, &re) ||
			!errors.Is(err, client.ErrServer) || !errors.Is(err, client.ErrRetriesExhausted) {
			t.Errorf("%s: errors.Is/As lost through the layers: %v", tc.op, err)
		}
		if !strings.HasSuffix(err.Error(), "(request-id req_policy)") {
			t.Errorf("%s: %q does not end with the request-id", tc.op, err)
		}
	}
}

// TestErrorPolicyTransport: a refused connection reads "claude: OP: dial ...",
// without the `Post "url":` of *url.Error, and still matches net.Error.
func TestErrorPolicyTransport(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL("http://"+addr))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Messages.Create(context.Background(), minimalRequest())
	checkOnce(t, err, "messages.create")
	var ne net.Error
	if !errors.As(err, &ne) || !client.Retryable(nil, err) {
		t.Errorf("transport error lost its type: %v", err)
	}
}

// TestErrorPolicyDecode: a 2xx body that is not JSON is a *DecodeError that
// matches ErrDecode and carries the request-id, so no caller needs
// strings.Contains to classify it.
func TestErrorPolicyDecode(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_bad_json")
		fmt.Fprint(w, `{"id":"msg_1","content":[`)
	}))
	_, err := c.Messages.Create(context.Background(), minimalRequest())
	checkOnce(t, err, "messages.create")
	var de *client.DecodeError
	if !errors.Is(err, client.ErrDecode) || !errors.As(err, &de) || de.RequestID != "req_bad_json" {
		t.Fatalf("err = %v (%T), want a *DecodeError matching ErrDecode with the request-id", err, err)
	}
	if client.Retryable(nil, err) {
		t.Error("a decode error is not retryable")
	}
}

// TestErrorPolicyStream: errors from inside a stream carry messages.stream
// once, as everything else.
func TestErrorPolicyStream(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"x\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n")
	}))
	s, err := c.Messages.Stream(context.Background(), minimalRequest())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for s.Next() {
	}
	checkOnce(t, s.Err(), "messages.stream")
	if !errors.Is(s.Err(), streaming.ErrTruncated) {
		t.Errorf("err = %v, want ErrTruncated", s.Err())
	}
}

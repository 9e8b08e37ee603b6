//go:build integration

package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
)

// Live tests against the real API: `go test -tags integration ./client/`.
// They need ANTHROPIC_API_KEY and fail, never skip, without it. Each call
// is a few tokens on the cheapest current model.

const liveModel = "claude-haiku-4-5"

func liveClient(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.WithTimeout(60 * time.Second))
	if errors.Is(err, client.ErrNoCredentials) {
		t.Fatalf("integration tests talk to the real API and need a key: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(c.BaseURL(), "http://") {
		t.Fatalf("integration tests must reach the real API, not %s", c.BaseURL())
	}
	return c
}

func liveRequest() client.MessageRequest {
	return client.MessageRequest{
		Model:     liveModel,
		MaxTokens: 16,
		Messages:  []client.MessageParam{client.UserText("Reply with the single word: pong")},
	}
}

func TestLiveCreate(t *testing.T) {
	c := liveClient(t)
	msg, err := c.Messages.Create(context.Background(), liveRequest())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ToLower(msg.Text()), "pong") || msg.Usage.InputTokens == 0 || msg.StopReason == nil {
		t.Fatalf("unexpected reply %q usage %+v", msg.Text(), msg.Usage)
	}
}

func TestLiveStreamEqualsShape(t *testing.T) {
	c := liveClient(t)
	s, err := c.Messages.Stream(context.Background(), liveRequest())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var text strings.Builder
	for part, err := range s.Text() {
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(part)
	}
	m := s.Message()
	if m.Incomplete || m.Text() != text.String() || m.Usage.OutputTokens == 0 {
		t.Fatalf("stream text %q, message %q, incomplete %v", text.String(), m.Text(), m.Incomplete)
	}
}

func TestLiveCountTokensAndModels(t *testing.T) {
	c := liveClient(t)
	n, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: liveModel, Messages: liveRequest().Messages})
	if err != nil || n.InputTokens == 0 {
		t.Fatalf("count_tokens: %v %+v", err, n)
	}
	seen := 0
	for m, err := range c.Models.List(context.Background(), client.ModelListParams{ListParams: client.ListParams{Limit: 2}}) {
		if err != nil {
			t.Fatal(err)
		}
		if m.ID == "" {
			t.Fatal("model without id")
		}
		if seen++; seen == 5 {
			break
		}
	}
	if seen == 0 {
		t.Fatal("no models listed")
	}
}

func TestLiveUnknownModel(t *testing.T) {
	c := liveClient(t)
	req := liveRequest()
	req.Model = "claude-no-such-model"
	_, err := c.Messages.Create(context.Background(), req)
	var apiErr *client.APIError
	if !errors.Is(err, client.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.RequestID == "" {
		t.Fatalf("err = %v, want a 404 APIError with a request-id", err)
	}
}

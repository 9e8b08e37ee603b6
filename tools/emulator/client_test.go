package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/emulator"
)

// TestRealClient drives the emulator with the library's own client.
func TestRealClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}

	msg, err := c.Messages.Create(ctx, client.MessageRequest{
		Model:     "claude-sonnet-4-5",
		MaxTokens: 256,
		Messages:  []client.MessageParam{client.UserText("Say hello")},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	// Checked through JSON so the test does not depend on generated field shapes.
	raw, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		StopReason string `json:"stop_reason"`
		Content    []struct {
			Text string `json:"text"`
		} `json:"content"`
		Usage struct {
			InputTokens  int `json:"input_tokens"`
			OutputTokens int `json:"output_tokens"`
		} `json:"usage"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.StopReason != "end_turn" || got.Usage.InputTokens == 0 || got.Usage.OutputTokens == 0 ||
		len(got.Content) != 1 || !strings.Contains(got.Content[0].Text, "Hello") {
		t.Fatalf("message = %s", raw)
	}

	count, err := c.Messages.CountTokens(ctx, client.CountTokensRequest{
		Model:    "claude-sonnet-4-5",
		Messages: []client.MessageParam{client.UserText(strings.Repeat("abcd", 10))},
	})
	if err != nil {
		t.Fatalf("CountTokens: %v", err)
	}
	if count.InputTokens != 10+3 {
		t.Fatalf("input_tokens = %d, want 13 (40 chars / 4 + 3 framing)", count.InputTokens)
	}

	var ids []string
	for m, err := range c.Models.List(ctx, client.ModelListParams{ListParams: client.ListParams{Limit: 2}}) {
		if err != nil {
			t.Fatalf("Models.List: %v", err)
		}
		ids = append(ids, m.ID)
	}
	if len(ids) != len(emulator.DefaultModels()) {
		t.Fatalf("listed %d models over pages, want %d: %v", len(ids), len(emulator.DefaultModels()), ids)
	}
	// The catalog is all active: asking for retired models only lists none.
	retired, err := c.Models.ListPage(ctx, client.ModelListParams{Lifecycle: []string{"retired"}})
	if err != nil || len(retired.Data) != 0 || retired.HasMore {
		t.Fatalf("lifecycle[]=retired: %+v, %v", retired, err)
	}
	active, err := c.Models.ListPage(ctx, client.ModelListParams{Lifecycle: []string{"active", "retired"}})
	if err != nil || len(active.Data) == 0 {
		t.Fatalf("lifecycle[]=active,retired: %+v, %v", active, err)
	}

	_, err = c.Messages.Create(ctx, client.MessageRequest{
		Model: "claude-sonnet-4-5", MaxTokens: 10, Messages: []client.MessageParam{client.UserText("hi")},
	}, client.WithHeader(emulator.HeaderFault, "status=529;retry-after=1"))
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, client.ErrOverloaded) || !strings.HasPrefix(apiErr.RequestID, "req_emu_") {
		t.Fatalf("fault: err = %v", err)
	}
	if apiErr.RetryAfter.Seconds() != 1 {
		t.Fatalf("RetryAfter = %v", apiErr.RetryAfter)
	}
}

package emulator_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/emulator"
)

func TestScriptPlaysOneReplyPerTurnWithSeveralToolCalls(t *testing.T) {
	t.Parallel()
	srv, err := emulator.Start(context.Background(), emulator.Config{Responder: emulator.Script(
		emulator.Reply{Text: "Two lookups.", ToolCalls: []emulator.ToolCall{
			{Name: "lookup", Input: json.RawMessage(`{"q":"a"}`)},
			{Name: "lookup", Input: json.RawMessage(`{"q":"b"}`)},
		}},
		emulator.Reply{Text: "Both found."},
	)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, _ := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	tool, _ := client.NewTool("lookup", "", `{"type":"object","properties":{"q":{"type":"string"}}}`)
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 100, Tools: []client.ToolUnion{tool},
		Messages: []client.MessageParam{client.UserText("look up a and b")}}
	for _, stream := range []bool{false, true} {
		var msg *client.Message
		if stream {
			s, err := c.Messages.Stream(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			for s.Next() {
			}
			if err := s.Err(); err != nil {
				t.Fatal(err)
			}
			msg = s.Message()
		} else if msg, err = c.Messages.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		uses := msg.ToolUses()
		if len(uses) != 2 || uses[0].ID == uses[1].ID || uses[1].Input["q"] != "b" || *msg.StopReason != "tool_use" {
			t.Fatalf("stream %v: %d tool uses %+v", stream, len(uses), uses)
		}
		next := req
		next.Messages = append(append([]client.MessageParam{}, req.Messages...), msg.ToParam(),
			client.UserBlocks(client.ToolResult(uses[0].ID, "A", false), client.ToolResult(uses[1].ID, "B", false)))
		final, err := c.Messages.Create(context.Background(), next)
		if err != nil {
			t.Fatal(err)
		}
		if final.Text() != "Both found." {
			t.Fatalf("turn 2: %q", final.Text())
		}
	}
}

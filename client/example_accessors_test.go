package client_test

import (
	"encoding/json"
	"fmt"

	"github.com/claudego/claude/client"
)

func ExampleToolUse_DecodeInput() {
	var msg client.Message
	if err := json.Unmarshal([]byte(`{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",
		"content":[{"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris","days":3}}],
		"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}`), &msg); err != nil {
		fmt.Println(err)
		return
	}
	// No nil check: "" when the reply has no stop reason.
	if msg.StopReasonValue() != client.MessageStopReasonToolUse {
		return
	}
	for _, use := range msg.ToolUses() {
		var in struct {
			City string `json:"city"`
			Days int    `json:"days"`
		}
		if err := use.DecodeInput(&in); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(use.Name, in.City, in.Days)
	}
	// Output:
	// weather Paris 3
}

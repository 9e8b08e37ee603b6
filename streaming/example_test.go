package streaming_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/claudego/claude/streaming"
)

// ExampleNew streams any body, here a tool call whose input is shown as it
// forms and parsed when its block stops.
func ExampleNew() {
	body := "event: message_start\ndata: " + evStart + "\n\n" +
		"event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{}}}\n\n" +
		"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}\n\n" +
		"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\", \\\"days\\\": 3}\"}}\n\n" +
		"event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
		"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(body))}
	s := streaming.New(resp, streaming.Config{})
	defer s.Close()
	for s.Next() {
		if s.Event().Type == streaming.TypeContentBlockDelta {
			in, _ := s.PartialInput(0)
			fmt.Println("so far:", string(in))
		}
	}
	if err := s.Err(); err != nil {
		fmt.Println(err)
		return
	}
	use := s.Message().ToolUses()[0]
	fmt.Println(use.Name, use.Input["city"], use.Input["days"])
	// Output:
	// so far: {"city":"Par"}
	// so far: {"city":"Paris","days":3}
	// weather Paris 3
}

// ExampleObserver hears how a stream ended: here a body cut after its first
// text delta. The same verdict reaches the layers below through Watch.
func ExampleObserver() {
	body := "event: message_start\ndata: " + evStart + "\n\n" +
		"event: content_block_start\ndata: " + evText0 + "\n\n" +
		"event: content_block_delta\ndata: " + textDelta("Hel") + "\n\n"
	s := streaming.New(&http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(body))}, streaming.Config{
		Observer: streaming.Observer{
			FirstContent: func() { fmt.Println("first content") },
			End: func(v streaming.Verdict) {
				fmt.Println("ended:", v.Outcome, "input tokens:", v.Usage.InputTokens)
			},
		},
	})
	defer s.Close()
	for s.Next() {
	}
	fmt.Println(s.Message().Text(), s.Message().Incomplete)
	// Output:
	// first content
	// ended: truncated input tokens: 10
	// Hel true
}

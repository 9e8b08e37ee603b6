package types_test

import (
	"encoding/json"
	"testing"

	"github.com/claudego/claude/internal/types"
)

func TestStopReasonValue(t *testing.T) {
	t.Parallel()
	var m types.Message
	if got := m.StopReasonValue(); got != "" {
		t.Fatalf("absent stop_reason = %q", got)
	}
	if got := (*types.Message)(nil).StopReasonValue(); got != "" {
		t.Fatalf("nil message = %q", got)
	}
	if err := json.Unmarshal([]byte(`{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":"stop_sequence","stop_sequence":"END","usage":{"input_tokens":1,"output_tokens":1}}`), &m); err != nil {
		t.Fatal(err)
	}
	if m.StopReasonValue() != "stop_sequence" || m.StopSequenceValue() != "END" {
		t.Fatalf("got %q %q", m.StopReasonValue(), m.StopSequenceValue())
	}
}

// TestDecodeInput: the input decodes into a struct from the JSON as the
// model wrote it: a large integer keeps every digit (through the Input map it
// would pass float64 and lose them).
func TestDecodeInput(t *testing.T) {
	t.Parallel()
	var m types.Message
	if err := json.Unmarshal([]byte(`{"id":"m","type":"message","role":"assistant","model":"x","stop_reason":"tool_use","stop_sequence":null,
"usage":{"input_tokens":1,"output_tokens":1},
"content":[{"type":"text","text":"calling"},{"type":"tool_use","id":"toolu_1","name":"order","input":{"sku":"A-1","qty":3,"order_id":9007199254740993}}]}`), &m); err != nil {
		t.Fatal(err)
	}
	uses := m.ToolUses()
	if len(uses) != 1 || uses[0].Name != "order" {
		t.Fatalf("uses %+v", uses)
	}
	var in struct {
		SKU     string `json:"sku"`
		Qty     int    `json:"qty"`
		OrderID int64  `json:"order_id"`
	}
	if err := uses[0].DecodeInput(&in); err != nil {
		t.Fatal(err)
	}
	if in.SKU != "A-1" || in.Qty != 3 || in.OrderID != 9007199254740993 {
		t.Fatalf("decoded %+v", in)
	}
	if err := uses[0].DecodeInput(&struct{ Qty string }{}); err == nil {
		t.Fatal("a wrongly typed field decoded without error")
	}
	if err := (types.ToolUse{}).DecodeInput(&in); err == nil {
		t.Fatal("a tool use without input decoded")
	}
}

package agent

import (
	"encoding/json"

	"github.com/claudego/claude/client"
)

// Event is what Agent.Stream yields as the run happens: TextDelta,
// ToolCallStart, ToolInputDelta, ToolCallResult, TurnEnd, and Done last.
type Event interface{ isEvent() }

// TextDelta is text the model is writing.
type TextDelta struct {
	Turn int
	Text string
}

// ToolCallStart is a tool call the model has begun to write.
type ToolCallStart struct {
	Turn     int
	ID, Name string
}

// ToolInputDelta is the input of a tool call so far, completed into valid
// JSON (for showing a call as it forms).
type ToolInputDelta struct {
	Turn    int
	ID      string
	Partial json.RawMessage
}

// ToolCallResult is the result of one tool call, after middleware.
type ToolCallResult struct {
	Turn   int
	Call   Call
	Result ToolResult
}

// TurnEnd is one complete assistant turn with its usage: Usage.InputTokens
// is the uncached input, Usage.CacheReadTokens what the cache supplied.
// ContextEdits are the server-side context edits applied to this request
// (tokens cleared), when ContextManagement is on.
type TurnEnd struct {
	Turn         int
	Message      *client.Message
	Usage        Usage
	ContextEdits []client.AppliedContextEdit
}

// Done ends the stream with the run's result (never nil).
type Done struct {
	Result *Result
}

func (TextDelta) isEvent()      {}
func (ToolCallStart) isEvent()  {}
func (ToolInputDelta) isEvent() {}
func (ToolCallResult) isEvent() {}
func (TurnEnd) isEvent()        {}
func (Done) isEvent()           {}

package agent

import (
	"context"
	"strconv"
)

// Middleware wraps every tool call. Each hook is optional. Hooks of several
// middleware run in Config.Middleware order.
type Middleware struct {
	// Before runs before the compute phase with the model's call; it may
	// rewrite call.Input (the rewritten input is validated again) or veto the
	// call: Deny gives the model a "denied" error result, Stop ends the run.
	Before func(ctx context.Context, call *Call) error
	// Approve runs after the compute phase and before apply, with the plan
	// (the actual diff or command, not only the input). Deny vetoes the
	// change; Stop ends the run. It runs for calls whose plan has an Apply.
	Approve func(ctx context.Context, call Call, plan Plan) error
	// After runs on every result, successful or not; it may rewrite it
	// (redaction, truncation of huge outputs).
	After func(ctx context.Context, call Call, result *ToolResult)
	// OnError runs when a call fails: an error from the tool, a panic, a
	// timeout, invalid input, a denial.
	OnError func(ctx context.Context, call Call, err error)
}

// TruncateResults is After middleware that cuts result texts longer than
// max bytes, saying how much was cut, so a huge output does not fill the
// context window.
func TruncateResults(max int) Middleware {
	return Middleware{After: func(_ context.Context, _ Call, r *ToolResult) {
		if max > 0 && len(r.Text) > max {
			cut := len(r.Text) - max
			r.Text = r.Text[:max] + "\n[truncated: " + strconv.Itoa(cut) + " more bytes]"
		}
	}}
}

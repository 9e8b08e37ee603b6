package client

import (
	"context"
	"log/slog"
)

// agentEvent logs an agent run's and its tool calls' events
// (extensions/agent): starts and successful ends at INFO, a tool call that
// did not end ok and a run that ended with an error at WARN (the model gets
// the tool's error as its result and the run goes on; a run's end says what
// the caller gets).
func (o *logObserver) agentEvent(ctx context.Context, e Event) {
	switch e.Kind {
	case EventAgentStart:
		o.l.LogAttrs(ctx, slog.LevelInfo, "claude agent start", slog.String("agent", e.Name), slog.String("model", e.Model))
	case EventAgentEnd:
		level := slog.LevelInfo
		if e.Err != nil {
			level = slog.LevelWarn
		}
		attrs := []slog.Attr{slog.String("agent", e.Name), slog.Int("turns", e.Turn), slog.Duration("duration", e.Duration)}
		if e.StopReason != "" {
			attrs = append(attrs, slog.String("stop_reason", e.StopReason))
		}
		attrs = appendUsage(attrs, e)
		attrs = append(attrs, errTypeAttr(e.ErrorType), errAttr(e.Err))
		o.l.LogAttrs(ctx, level, "claude agent end", attrs...)
	case EventToolStart:
		o.l.LogAttrs(ctx, slog.LevelInfo, "claude tool start", slog.String("tool", e.Name), slog.String("tool_call_id", e.ToolCallID),
			slog.Int("turn", e.Turn))
	case EventToolEnd:
		level := slog.LevelInfo
		if e.Outcome != ToolOutcomeOK {
			level = slog.LevelWarn
		}
		o.l.LogAttrs(ctx, level, "claude tool end", slog.String("tool", e.Name), slog.String("tool_call_id", e.ToolCallID),
			slog.Int("turn", e.Turn), slog.String("outcome", e.Outcome), slog.Duration("duration", e.Duration),
			errTypeAttr(e.ErrorType), errAttr(e.Err))
	}
}

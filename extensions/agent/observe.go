package agent

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// errPanicked marks the error of a tool that panicked (guard), so its
// tool_end names the outcome.
var errPanicked = errors.New("panicked")

// runOp is the operation an agent run's events carry.
const runOp = "agent.run"

// observed runs body inside the run's observed scope: the observers of the
// client and of Config.Options (client.WithObserver, client.WithLogger) hear
// agent_start, then the run's calls and tool calls, whose spans are
// children of the run's, then agent_end. The agent imports no telemetry
// package; it reports through the client (ARCHITECTURE.md, Layers). With no
// observers body runs on ctx as it is.
func (r *run) observed(ctx context.Context, body func(context.Context) error) error {
	octx, err := r.a.c.ObserveScope(ctx, runOp, r.a.cfg.Options...)
	if err != nil || !client.Observed(octx) {
		// A bad option fails the run's first call, which says why.
		return body(ctx)
	}
	began := time.Now()
	octx = client.ReportStart(octx, client.Event{Kind: client.EventAgentStart, Name: r.a.cfg.Name, Model: r.a.cfg.Model})
	err = body(octx)
	e := client.Event{Kind: client.EventAgentEnd, Name: r.a.cfg.Name, Model: r.a.cfg.Model, Err: err,
		Duration: time.Since(began), Turn: r.res.Turns, Usage: streamingUsage(r.res.Usage)}
	if f := r.res.Final; f != nil && f.StopReason != nil {
		e.StopReason = string(*f.StopReason)
	}
	e.ErrorType = runErrorType(err)
	client.Report(octx, e)
	return err
}

// startTools reports tool_start for each call of a turn that will be run
// (not those a resumed run answers from its journal), in the model's order,
// and gives each the context it runs with: its execute_tool span's, so what
// the tool sends is the span's child. A call's span lasts from here to its
// final result, after middleware; the calls of one turn overlap, as their
// compute phases run concurrently.
func (r *run) startTools(ctx context.Context, slots []*slot) {
	if !client.Observed(ctx) {
		return
	}
	now := time.Now()
	content := client.ContentObserved(ctx)
	for _, s := range slots {
		if _, journaled := r.res.Applied[s.call.ID]; journaled {
			continue
		}
		e := client.Event{Kind: client.EventToolStart, Name: s.call.Name, ToolCallID: s.call.ID, Turn: r.res.Turns}
		if content {
			e.Body = s.call.Input
		}
		s.ctx = client.ReportStart(ctx, e)
		s.began, s.spanned, s.content = now, true, content
	}
}

// endTool reports tool_end for a call startTools reported: its outcome, and
// for a call that did not end ok, the outcome as its error type and its
// failure (or, for an error result the tool returned, none).
func (r *run) endTool(s *slot) {
	if !s.spanned {
		return
	}
	e := client.Event{Kind: client.EventToolEnd, Name: s.call.Name, ToolCallID: s.call.ID, Turn: r.res.Turns,
		Outcome: s.outcome, Duration: time.Since(s.began)}
	if s.outcome != client.ToolOutcomeOK {
		e.ErrorType, e.Err = s.outcome, s.err
	}
	if s.content {
		e.Body = resultJSON(s.res)
	}
	client.Report(s.ctx, e)
}

// resultJSON is a result as content capture records it: its text as a JSON
// string, or its content blocks as JSON (the observer elides base64 data).
func resultJSON(r ToolResult) []byte {
	var v any = r.Text
	if len(r.Blocks) > 0 {
		v = r.Blocks
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}

// streamingUsage is a run's usage as events carry it: input excludes the
// cache, as the API reports it.
func streamingUsage(u Usage) streaming.Usage {
	return streaming.Usage{
		InputTokens: u.InputTokens, OutputTokens: u.OutputTokens,
		CacheReadInputTokens: u.CacheReadTokens, CacheCreationInputTokens: u.CacheWrite5mTokens + u.CacheWrite1hTokens,
		CacheCreation1hInputTokens: u.CacheWrite1hTokens, Reported: true,
	}
}

// runErrorType names how a run failed: the agent's own ends by name
// ("max_turns", "budget_exhausted", "approval_pending", "stopped"), a
// request's failure as the client names it (client.ErrorType).
func runErrorType(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrMaxTurns):
		return "max_turns"
	case errors.Is(err, ErrBudgetExhausted):
		return "budget_exhausted"
	case errors.Is(err, ErrApprovalPending):
		return "approval_pending"
	case isStop(err):
		return "stopped"
	}
	return client.ErrorType(err)
}

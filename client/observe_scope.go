package client

import (
	"context"
	"time"
)

// ObserveScope returns ctx carrying the observers of c and opts (WithObserver,
// WithLogger), for work that spans several calls, such as an agent run
// (extensions/agent): Report and ReportStart on the returned context, and on
// contexts derived from it, reach those observers, with op as the events'
// Operation. The calls made with it open their own scope as usual, so their
// spans are children of whatever ReportStart put in the context. With no
// observers it returns ctx unchanged, and Report on it does nothing. It fails
// only when an option does, as the calls made with opts would.
func (c *Client) ObserveScope(ctx context.Context, op string, opts ...Option) (context.Context, error) {
	cfg, err := c.callConfig(opts)
	if err != nil {
		return ctx, err
	}
	if ctx == nil || !cfg.observed() {
		return ctx, nil
	}
	sc := &callScope{op: op, obs: cfg.allObservers(), start: time.Now()}
	sc.content = wantsContent(sc.obs)
	ctx = context.WithValue(ctx, observersKey{}, sc)
	sc.ctx = ctx
	return ctx, nil
}

// ContentObserved reports whether one of the observers of ctx's call or
// scope is a ContentObserver that wants content, so a layer (the agent's
// tool calls) fills the content fields of its events only then.
func ContentObserved(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	co, _ := ctx.Value(observersKey{}).(*callScope)
	return co != nil && co.content
}

// wantsContent reports whether one of obs is a ContentObserver that asks.
func wantsContent(obs []Observer) bool {
	for _, o := range obs {
		if co, ok := o.(ContentObserver); ok && co.ObservesContent() {
			return true
		}
	}
	return false
}

// ReportStart is Report for an event that opens a scope of its own
// (agent_start, tool_start): a ScopeObserver's ScopeStart hears it and may
// put its span in the context, which ReportStart returns; the others
// Observe it. The scope's work runs with the returned context and its end
// event is reported on it. With no observers in ctx it returns ctx and
// allocates nothing.
func ReportStart(ctx context.Context, e Event) context.Context {
	if ctx == nil {
		return ctx
	}
	co, _ := ctx.Value(observersKey{}).(*callScope)
	if co == nil {
		return ctx
	}
	if e.Operation == "" {
		e.Operation = co.op
	}
	for _, o := range co.obs {
		if so, ok := o.(ScopeObserver); ok {
			ctx = so.ScopeStart(ctx, e)
		} else {
			o.Observe(ctx, e)
		}
	}
	return ctx
}

// The outcomes of a tool call (Event.Outcome of tool_end), shared vocabulary
// of the agent framework, which reports them, and the observers, which
// record them (ARCHITECTURE.md, Layers). Each but ToolOutcomeOK is also the
// event's ErrorType.
const (
	ToolOutcomeOK           = "ok"            // the tool ran and returned a result that is not an error
	ToolOutcomeError        = "error"         // the tool returned an error result, or failed
	ToolOutcomeDenied       = "denied"        // middleware denied it (Before or Approve)
	ToolOutcomeInvalidInput = "invalid_input" // its input did not match the tool's schema
	ToolOutcomeUnknownTool  = "unknown_tool"  // the model named no tool the agent has
	ToolOutcomeTimeout      = "timeout"       // a phase ran past its deadline
	ToolOutcomeInterrupted  = "interrupted"   // the run was cancelled while it ran
	ToolOutcomeNotRun       = "not_run"       // the run stopped or was cancelled before it started
	ToolOutcomeConflict     = "conflict"      // its plan wrote what another call of the turn wrote
	ToolOutcomeHeld         = "held"          // it awaits approval (agent.ErrApprovalPending)
	ToolOutcomePanic        = "panic"         // the tool panicked
)

package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// wrapUpText is added to the last tool-result turn when the budget is spent.
const wrapUpText = "The budget for this task is spent: do not call tools. Sum up what you did and what is left."

// run is the state of one Run, Stream or Resume call.
type run struct {
	a       *Agent
	res     *Result
	pending []Call // calls of the last assistant turn not answered yet
	// emit is set by Stream; it returns false when the consumer stopped.
	yield func(Event) bool
	// decisions are approvals given before a Resume; held collects the
	// calls Approve middleware held in this turn.
	decisions map[string]Decision
	held      []Held
	ckErr     error // the first Checkpoint failure
}

// Run sends messages and runs the tool loop until the model stops asking
// for tools (end_turn, stop_sequence, max_tokens, refusal: see
// Result.Final.StopReason), MaxTurns is reached (ErrMaxTurns), the Budget
// is spent (ErrBudgetExhausted), a tool or middleware Stops the run, ctx is
// cancelled, or a request fails (the client's error). Whatever ends it,
// Result is non-nil and Result.Messages is at a clean turn boundary.
func (a *Agent) Run(ctx context.Context, messages []client.MessageParam) (*Result, error) {
	r := &run{a: a, res: &Result{Messages: slices.Clone(messages)}}
	return r.res, r.observed(ctx, r.loop)
}

// Stream is Run yielding events as they happen: text deltas, tool calls as
// they start with their partial input, tool results, turn ends with usage,
// and Done with the result last. A run that fails yields its error with the
// Done event. Breaking out of the loop cancels the run; its history stays
// at a clean turn boundary.
func (a *Agent) Stream(ctx context.Context, messages []client.MessageParam) iter.Seq2[Event, error] {
	return a.stream(ctx, &Result{Messages: slices.Clone(messages)}, nil)
}

func (a *Agent) stream(ctx context.Context, res *Result, pending []Call) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		open := true
		r := &run{a: a, res: res, pending: pending}
		r.yield = func(e Event) bool {
			if open && !yield(e, nil) {
				open = false
				cancel()
			}
			return open
		}
		err := r.observed(ctx, r.loop)
		if open {
			yield(Done{Result: r.res}, err)
		}
	}
}

// Resume continues a saved run. If the state's last turn is an assistant
// turn with calls not answered (a Checkpoint taken mid-turn), they run
// first; calls in the applied journal are answered from it, never applied
// again.
func (a *Agent) Resume(ctx context.Context, st State) (*Result, error) {
	if st.Version != StateVersion {
		return nil, errors.New("agent: Resume: state has no supported version")
	}
	res := &Result{Messages: slices.Clone(st.Messages), Turns: st.Turns, Usage: st.Usage, Applied: st.Applied}
	r := &run{a: a, res: res, pending: st.Pending, decisions: st.Decisions}
	if len(r.pending) == 0 {
		r.pending = unanswered(res.Messages)
	}
	return r.res, r.observed(ctx, func(ctx context.Context) error {
		if len(r.pending) > 0 {
			if err := r.answer(ctx, r.pending); err != nil {
				return err
			}
		}
		return r.loop(ctx)
	})
}

func (r *run) emit(e Event) {
	if r.yield != nil {
		r.yield(e)
	}
}

// checkpoint hands the state to Config.Checkpoint. A failure is kept: the
// run applies nothing more (a side effect the saved state does not know of
// could be repeated on resume) and ends with it at the next boundary.
func (r *run) checkpoint(pending []Call) {
	if r.a.cfg.Checkpoint == nil || r.ckErr != nil {
		return
	}
	st := r.res.State()
	st.Pending = slices.Clone(pending)
	if err := r.a.cfg.Checkpoint(st); err != nil {
		r.ckErr = fmt.Errorf("agent: checkpoint: %w", err)
	}
}

func (r *run) loop(ctx context.Context) error {
	cfg := &r.a.cfg
	wrapUp := false
	for {
		msg, err := r.send(ctx, wrapUp)
		if err != nil {
			return err
		}
		u := usageOf(msg.Usage)
		priceErr := cfg.Budget.price(&u, msg.Model, msg.Usage)
		r.res.Turns++
		r.res.Final = msg
		r.res.Usage = r.res.Usage.Add(u)
		r.res.TurnUsage = append(r.res.TurnUsage, u)
		r.res.Messages = append(r.res.Messages, msg.ToParam())
		calls := toolCalls(msg)
		if priceErr != nil {
			// The turn is kept in the result; its calls are not run, since
			// the budget cannot say whether they fit.
			r.refuse(calls, reasonBudget)
			return priceErr
		}
		r.checkpoint(calls)
		if r.ckErr != nil {
			r.refuse(calls, reasonStopped)
			return r.ckErr
		}
		te := TurnEnd{Turn: r.res.Turns, Message: msg, Usage: u}
		if msg.ContextManagement != nil {
			te.ContextEdits = msg.ContextManagement.AppliedEdits
		}
		r.emit(te)

		paused := msg.StopReason != nil && *msg.StopReason == client.MessageStopReasonPauseTurn
		cut := msg.StopReason != nil && *msg.StopReason != client.MessageStopReasonToolUse && !paused
		switch {
		case len(calls) > 0 && cut:
			// A call in a reply cut by max_tokens (or another stop) may
			// be incomplete: answer without running it, and report.
			r.refuse(calls, reasonCut+string(*msg.StopReason)+")")
			return nil
		case len(calls) > 0 && wrapUp:
			r.refuse(calls, reasonBudget)
			return ErrBudgetExhausted
		case len(calls) > 0 && r.res.Turns >= cfg.MaxTurns:
			r.refuse(calls, reasonMaxTurns)
			return ErrMaxTurns
		case len(calls) > 0 && cfg.Budget.spent(r.res.Usage):
			r.refuse(calls, reasonBudget)
			r.appendText(wrapUpText)
			wrapUp = true
			continue
		case len(calls) > 0:
			if err := r.answer(ctx, calls); err != nil {
				return err
			}
			if r.ckErr != nil {
				return r.ckErr
			}
			if cfg.Budget.spent(r.res.Usage) {
				r.appendText(wrapUpText)
				wrapUp = true
			}
			continue
		case paused && wrapUp:
			return ErrBudgetExhausted
		case paused && r.res.Turns >= cfg.MaxTurns:
			return ErrMaxTurns
		case paused:
			continue // the API resumes a paused turn from the assistant message
		case wrapUp:
			return ErrBudgetExhausted
		}
		return nil
	}
}

// answer runs calls and appends their results as a user turn.
func (r *run) answer(ctx context.Context, calls []Call) error {
	r.pending = calls
	results, err := r.execute(ctx, calls)
	if len(r.held) > 0 {
		st := r.res.State()
		st.Pending, st.Held = slices.Clone(calls), r.held
		st.Decisions = maps.Clone(r.decisions)
		r.res.resume = &st
	}
	r.appendResults(calls, results)
	r.pending = nil
	r.checkpoint(nil)
	if err == nil && len(r.held) > 0 {
		err = ErrApprovalPending
	}
	r.held, r.decisions = nil, nil
	return err
}

// refuse answers calls that will not run, so the history stays clean.
func (r *run) refuse(calls []Call, reason string) {
	results := make([]ToolResult, len(calls))
	for i, c := range calls {
		results[i] = ErrorResult(reason)
		r.emit(ToolCallResult{Turn: r.res.Turns, Call: c, Result: results[i]})
	}
	r.appendResults(calls, results)
	r.checkpoint(nil)
}

func (r *run) appendResults(calls []Call, results []ToolResult) {
	blocks := make([]client.ContentBlockParam, len(calls))
	for i, c := range calls {
		blocks[i] = results[i].block(c.ID)
	}
	r.res.Messages = append(r.res.Messages, client.UserBlocks(blocks...))
}

// appendText adds a text block to the last (user) turn.
func (r *run) appendText(text string) {
	last := &r.res.Messages[len(r.res.Messages)-1]
	blocks, err := last.Content.AsMessageContentBlocks()
	if err != nil {
		return
	}
	*last = client.UserBlocks(append(blocks, client.TextBlockParamOf(text))...)
}

// request builds the next request from the history.
func (r *run) request(wrapUp bool) client.MessageRequest {
	cfg := &r.a.cfg
	msgs := r.res.Messages
	if cfg.CacheConversation && len(msgs) > 0 {
		msgs = slices.Clone(msgs)
		msgs[len(msgs)-1] = withBreakpoint(msgs[len(msgs)-1])
	}
	req := client.MessageRequest{
		Model:             cfg.Model,
		MaxTokens:         cfg.MaxTokens,
		Messages:          msgs,
		Tools:             r.a.defs,
		Thinking:          cfg.Thinking,
		ContextManagement: cfg.ContextManagement,
	}
	if cfg.System != "" {
		req.System = client.SystemText(cfg.System)
	}
	if wrapUp && len(req.Tools) > 0 {
		req.ToolChoice = client.ToolChoiceNoneOf()
	}
	return req
}

// send sends the next request: Create for Run, Stream for Stream (which
// also emits deltas as they arrive).
func (r *run) send(ctx context.Context, wrapUp bool) (*client.Message, error) {
	req := r.request(wrapUp)
	if r.yield == nil {
		return r.a.c.Messages.Create(ctx, req, r.a.cfg.Options...)
	}
	s, err := r.a.c.Messages.Stream(ctx, req, r.a.cfg.Options...)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	turn := r.res.Turns + 1
	toolAt := map[int]string{}
	for s.Next() {
		ev := s.Event()
		if t, ok := ev.TextDelta(); ok {
			r.emit(TextDelta{Turn: turn, Text: t})
			continue
		}
		switch ev.Type {
		case streaming.TypeContentBlockStart:
			v, ok := ev.Value().(*client.ContentBlockStartEvent)
			if !ok {
				continue
			}
			if tu, ok := client.BlockOf(v.ContentBlock).(client.ToolUseBlock); ok {
				toolAt[int(v.Index)] = tu.ID
				r.emit(ToolCallStart{Turn: turn, ID: tu.ID, Name: tu.Name})
			}
		case streaming.TypeContentBlockDelta:
			i, _ := ev.Index()
			if id, ok := toolAt[i]; ok {
				if p, ok := s.PartialInput(i); ok {
					r.emit(ToolInputDelta{Turn: turn, ID: id, Partial: p})
				}
			}
		}
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	return s.Message(), nil
}

// toolCalls reads the client tool calls of a reply with their input as
// the raw JSON received (no map round trip).
func toolCalls(m *client.Message) []Call {
	var out []Call
	for _, b := range m.Content {
		raw, _ := b.MarshalJSON()
		if c, ok := callOf(raw); ok {
			out = append(out, c)
		}
	}
	return out
}

func callOf(raw []byte) (Call, bool) {
	var w struct {
		Type  string          `json:"type"`
		ID    string          `json:"id"`
		Name  string          `json:"name"`
		Input json.RawMessage `json:"input"`
	}
	if json.Unmarshal(raw, &w) != nil || w.Type != "tool_use" {
		return Call{}, false
	}
	return Call{ID: w.ID, Name: w.Name, Input: w.Input}, true
}

// unanswered returns the calls of a final assistant turn, which no
// tool-result turn answers yet.
func unanswered(msgs []client.MessageParam) []Call {
	if len(msgs) == 0 || msgs[len(msgs)-1].Role != "assistant" {
		return nil
	}
	blocks, err := msgs[len(msgs)-1].Content.AsMessageContentBlocks()
	if err != nil {
		return nil
	}
	var out []Call
	for _, b := range blocks {
		raw, _ := b.MarshalJSON()
		if c, ok := callOf(raw); ok {
			out = append(out, c)
		}
	}
	return out
}

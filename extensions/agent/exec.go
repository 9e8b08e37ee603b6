package agent

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
)

// slot is one call of an assistant turn as it moves through the phases.
type slot struct {
	call Call
	tool *Tool
	plan Plan
	res  ToolResult
	done bool  // res is final
	err  error // the failure OnError middleware see
	// outcome is how the call ended, for its tool_end event
	// (client.ToolOutcome*); ctx is the call's (its execute_tool span when
	// observed) and began when it started.
	outcome string
	ctx     context.Context
	began   time.Time
	spanned bool // tool_start was reported
	content bool // and a ContentObserver wants the input and result
}

// finish sets the call's result and how it ended; a result without an
// outcome is ok unless it is an error result.
func (s *slot) finish(r ToolResult, err error, outcome string) {
	s.res, s.done = r, true
	if err != nil && s.err == nil {
		s.err = err
	}
	if outcome == "" {
		outcome = client.ToolOutcomeOK
		if r.IsError {
			outcome = client.ToolOutcomeError
		}
	}
	if s.outcome == "" {
		s.outcome = outcome
	}
}

// Reasons given to calls that did not run to completion, so the model (and
// whoever reads the history) knows which case it was.
const (
	reasonCancelled   = "not run: the run was cancelled before this call started"
	reasonInterrupted = "interrupted: the run was cancelled while this call ran"
	reasonStopped     = "not run: the run was stopped before this call started"
	reasonMaxTurns    = "not run: limit reached (the run's MaxTurns)"
	reasonBudget      = "not run: limit reached (the run's budget is spent)"
	reasonCut         = "not run: the reply ended before this call was complete (stop_reason "
)

// execute runs the calls of one assistant turn and returns one result per
// call, in the model's order. It returns a non-nil error when the run must
// end (a Stop, a cancelled ctx); every call still has its result.
func (r *run) execute(ctx context.Context, calls []Call) ([]ToolResult, error) {
	slots := make([]*slot, len(calls))
	for i, c := range calls {
		slots[i] = &slot{call: c, ctx: ctx}
	}
	r.startTools(ctx, slots)
	stop := r.prepare(ctx, slots)
	if stop == nil {
		stop = r.computeAll(ctx, slots)
	}
	if stop == nil {
		conflicts(slots)
		stop = r.applyAll(ctx, slots)
	}
	if stop == nil && ctx.Err() != nil {
		stop = context.Cause(ctx)
	}
	out := make([]ToolResult, len(slots))
	for i, s := range slots {
		if !s.done {
			reason := reasonStopped
			if ctx.Err() != nil {
				reason = reasonCancelled
			}
			s.finish(ErrorResult(reason), errors.New(reason), client.ToolOutcomeNotRun)
		}
		r.after(s.ctx, s)
		r.endTool(s)
		out[i] = s.res
		r.emit(ToolCallResult{Turn: r.res.Turns, Call: s.call, Result: s.res})
	}
	return out, stop
}

// prepare answers from the journal, finds the tool, runs Before middleware
// and validates the input, in the model's order.
func (r *run) prepare(ctx context.Context, slots []*slot) error {
	for _, s := range slots {
		if res, ok := r.res.Applied[s.call.ID]; ok {
			s.finish(res, nil, "") // applied before a resume: never twice
			continue
		}
		t, ok := r.a.tools[s.call.Name]
		if !ok {
			s.finish(ErrorResult(fmt.Sprintf("unknown tool %q", s.call.Name)), fmt.Errorf("unknown tool %q", s.call.Name), client.ToolOutcomeUnknownTool)
			continue
		}
		s.tool = t
		for _, mw := range r.a.cfg.Middleware {
			if mw.Before == nil {
				continue
			}
			if err := guard(s.call.Name, func() error { return mw.Before(s.ctx, &s.call) }); err != nil {
				if stop, ok := asStop(err); ok {
					return stop
				}
				s.finish(deniedResult(err), err, client.ToolOutcomeDenied)
				break
			}
		}
		if s.done {
			continue
		}
		if err := t.check.validate(s.call.Input); err != nil {
			s.finish(ErrorResult(err.Error()), err, client.ToolOutcomeInvalidInput)
		}
	}
	return nil
}

func deniedResult(err error) ToolResult {
	if errors.Is(err, ErrDenied) {
		return ErrorResult(err.Error())
	}
	return ErrorResult("denied: " + err.Error())
}

// computeAll runs the compute phase of every open call concurrently,
// Config.Concurrency at a time.
func (r *run) computeAll(ctx context.Context, slots []*slot) error {
	sem := make(chan struct{}, r.a.cfg.Concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var stop error
	for _, s := range slots {
		if s.done {
			continue
		}
		if !s.tool.concurrent { // nothing to compute: the call runs whole in the apply phase
			s.plan = Plan{Apply: func(ctx context.Context) (ToolResult, error) { return s.tool.run(ctx, s.call.Input) }}
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break // the rest never start; execute gives them "cancelled"
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			var plan Plan
			err := r.phase(s.ctx, s, func(ctx context.Context) (err error) {
				plan, err = s.tool.compute(ctx, s.call.Input)
				return err
			})
			if err != nil {
				if st, ok := asStop(err); ok {
					mu.Lock()
					if stop == nil {
						stop = st
					}
					mu.Unlock()
				}
				return
			}
			s.plan = plan
			if plan.Apply == nil {
				s.finish(plan.Result, nil, "")
			}
		}()
	}
	wg.Wait()
	return stop
}

// phase runs one phase of one call with its deadline, turning panics,
// timeouts and cancellation into error results on s. It returns the
// phase's error (a Stop passes through).
func (r *run) phase(ctx context.Context, s *slot, f func(context.Context) error) error {
	d := s.tool.timeout
	if d == 0 {
		d = r.a.cfg.ToolTimeout
	}
	pctx, cancel := ctx, context.CancelFunc(func() {})
	if d > 0 {
		pctx, cancel = context.WithTimeout(ctx, d)
	}
	defer cancel()
	err := guard(s.call.Name, func() error { return f(pctx) })
	switch {
	case err == nil:
		return nil
	case isStop(err):
		s.finish(ErrorResult(reasonStopped), err, client.ToolOutcomeError)
	case ctx.Err() != nil:
		s.finish(ErrorResult(reasonInterrupted), err, client.ToolOutcomeInterrupted)
	case pctx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
		s.finish(ErrorResult(fmt.Sprintf("timed out: the call ran past its %s deadline", d)), err, client.ToolOutcomeTimeout)
	case errors.Is(err, errPanicked):
		s.finish(ErrorResult(err.Error()), err, client.ToolOutcomePanic)
	default:
		s.finish(ErrorResult(err.Error()), err, client.ToolOutcomeError)
	}
	return err
}

func isStop(err error) bool { _, ok := asStop(err); return ok }

// guard calls f, turning a panic into an error: a panicking tool is an
// error result, never a crash.
func guard(name string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("tool %q %w: %v", name, errPanicked, p)
		}
	}()
	return f()
}

// conflicts rejects plans of one turn that write the same name, before
// anything is applied.
func conflicts(slots []*slot) {
	owner := map[string]*slot{}
	bad := map[*slot][]string{}
	for _, s := range slots {
		if s.done || s.plan.Apply == nil {
			continue
		}
		for _, w := range s.plan.Writes {
			if o, ok := owner[w]; ok && o != s {
				bad[o] = append(bad[o], fmt.Sprintf("%s also writes %q", s.call.ID, w))
				bad[s] = append(bad[s], fmt.Sprintf("%s also writes %q", o.call.ID, w))
				continue
			}
			owner[w] = s
		}
	}
	for s, why := range bad {
		msg := "conflict, not applied: call " + strings.Join(why, "; call ") + "; ask again one change at a time"
		s.finish(ErrorResult(msg), errors.New(msg), client.ToolOutcomeConflict)
	}
}

// applyAll runs Approve middleware and the apply phases one at a time, in
// the model's order, journaling each apply by tool_use_id.
func (r *run) applyAll(ctx context.Context, slots []*slot) error {
	for _, s := range slots {
		if s.done {
			continue
		}
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		if r.ckErr != nil {
			return r.ckErr
		}
		if d, decided := r.decisions[s.call.ID]; decided {
			if !d.Approved {
				err := Deny(d.Reason)
				s.finish(ErrorResult(err.Error()), err, client.ToolOutcomeDenied)
			}
		} else if st := r.approve(s.ctx, s); st != nil {
			return st
		}
		if s.done {
			continue
		}
		var res ToolResult
		err := r.phase(s.ctx, s, func(ctx context.Context) (err error) {
			res, err = s.plan.Apply(ctx)
			return err
		})
		if err == nil {
			s.finish(res, nil, "")
		}
		r.journal(s)
		if st, ok := asStop(err); ok {
			return st
		}
	}
	return nil
}

// approve runs Approve middleware on s's plan: a denial or a hold finishes
// s; a Stop is returned.
func (r *run) approve(ctx context.Context, s *slot) error {
	for _, mw := range r.a.cfg.Middleware {
		if mw.Approve == nil {
			continue
		}
		err := guard(s.call.Name, func() error { return mw.Approve(ctx, s.call, s.plan) })
		switch {
		case err == nil:
			continue
		case isStop(err):
			return err
		case errors.Is(err, ErrApprovalPending):
			reason := strings.TrimPrefix(strings.TrimPrefix(err.Error(), ErrApprovalPending.Error()), ": ")
			r.held = append(r.held, Held{Call: s.call, Summary: s.plan.Summary, Reason: reason})
			s.finish(ErrorResult("not run: awaiting approval: "+reason), err, client.ToolOutcomeHeld)
		default:
			s.finish(deniedResult(err), err, client.ToolOutcomeDenied)
		}
		return nil
	}
	return nil
}

// journal records an apply that ran, so a resumed run never repeats it.
func (r *run) journal(s *slot) {
	if r.res.Applied == nil {
		r.res.Applied = map[string]ToolResult{}
	}
	r.res.Applied[s.call.ID] = s.res
	r.checkpoint(r.pending)
}

// after runs After and OnError middleware on a final result.
func (r *run) after(ctx context.Context, s *slot) {
	for _, mw := range r.a.cfg.Middleware {
		if s.err != nil && mw.OnError != nil {
			_ = guard(s.call.Name, func() error { mw.OnError(ctx, s.call, s.err); return nil })
		}
		if mw.After != nil {
			_ = guard(s.call.Name, func() error { mw.After(ctx, s.call, &s.res); return nil })
		}
	}
}

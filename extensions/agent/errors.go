package agent

import (
	"errors"
	"fmt"
)

// ErrMaxTurns is returned by Run (with the result so far) when the model
// still asks for tools after Config.MaxTurns turns. The calls of that last
// turn are answered with "limit reached" error results, so Result.Messages
// can be sent again.
var ErrMaxTurns = errors.New("agent: the model still asks for tools after MaxTurns turns")

// ErrBudgetExhausted is returned by Run (with the result, whose Final is the
// model's wrap-up turn) when the run's Budget was spent: the loop sent one
// last request without tools so the model could conclude.
var ErrBudgetExhausted = errors.New("agent: budget exhausted")

// ErrDenied is what a call vetoed by middleware wraps; its error result says
// "denied".
var ErrDenied = errors.New("denied")

// stopError is an error from a tool or middleware that ends the run.
type stopError struct{ err error }

func (e *stopError) Error() string { return "agent: run stopped: " + e.err.Error() }
func (e *stopError) Unwrap() error { return e.err }

// Stop wraps err so that, returned from a tool or middleware, it ends the
// run: Run returns an error that errors.Is/As match against err, with the
// history closed at a clean turn boundary. Any other tool error is an
// is_error result and the loop goes on.
func Stop(err error) error {
	if err == nil {
		err = errors.New("stopped")
	}
	return &stopError{err: err}
}

// Deny is the error Before or Approve middleware return to veto a call: the
// model gets an error result "denied: reason" and the run goes on.
func Deny(reason string) error { return fmt.Errorf("%w: %s", ErrDenied, reason) }

// ErrApprovalPending is returned by Run when Approve middleware held a
// call for a decision made later (Pending). Result.Messages is clean (the
// held call is answered "awaiting approval"); Result.State() is the
// resumable form: record the decisions with State.Approve or State.Deny and
// pass it to Agent.Resume.
var ErrApprovalPending = errors.New("agent: approval pending")

// Pending is what Approve middleware return to hold a call for a decision
// made outside the run (a person, a ticket): the rest of the turn goes on,
// then the run ends with ErrApprovalPending.
func Pending(reason string) error { return fmt.Errorf("%w: %s", ErrApprovalPending, reason) }

func asStop(err error) (*stopError, bool) {
	var s *stopError
	ok := errors.As(err, &s)
	return s, ok
}

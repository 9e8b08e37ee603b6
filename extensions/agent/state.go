package agent

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/claudego/claude/client"
)

// StateVersion is the version of the State document this package writes.
const StateVersion = 1

// Result is how a run ended.
type Result struct {
	// Messages is the whole conversation: the input, every assistant turn,
	// every tool-result turn. It always ends at a clean turn boundary (every
	// tool_use has exactly one tool_result), ready to send again.
	Messages []client.MessageParam
	// Final is the last reply, nil when no reply arrived.
	Final *client.Message
	// Turns is the number of replies received.
	Turns int
	// Usage is the run's total; TurnUsage has one entry per turn.
	Usage     Usage
	TurnUsage []Usage
	// Applied is the journal of apply phases that ran, by tool_use_id.
	Applied map[string]ToolResult

	resume *State // set when calls are held for approval
}

// State is a run saved to resume later: a versioned JSON document with the
// messages, the calls still to answer, the counters, the usage and the
// journal of applied calls. A State from Config.Checkpoint may end with an
// assistant turn whose calls are not all answered; Agent.Resume answers them
// without applying any call twice.
type State struct {
	Version  int                   `json:"version"`
	Messages []client.MessageParam `json:"messages"`
	// Pending are the calls of the last assistant turn still to answer.
	Pending []Call `json:"pending,omitempty"`
	// Held are the pending calls awaiting approval, with their plans.
	Held []Held `json:"held,omitempty"`
	// Decisions are the approvals given for held calls, by tool_use_id.
	Decisions map[string]Decision   `json:"decisions,omitempty"`
	Turns     int                   `json:"turns"`
	Usage     Usage                 `json:"usage"`
	Applied   map[string]ToolResult `json:"applied,omitempty"`
}

// Held is a call that Approve middleware held (Pending): what a person
// needs to decide.
type Held struct {
	Call Call `json:"call"`
	// Summary is the plan's summary: the diff or the command.
	Summary string `json:"summary"`
	// Reason is the text given to Pending.
	Reason string `json:"reason"`
}

// Decision is an approval decision for a held call.
type Decision struct {
	Approved bool   `json:"approved"`
	Reason   string `json:"reason,omitempty"`
}

// Approve records that the held call id may be applied; on Resume it is,
// without asking Approve middleware again.
func (s *State) Approve(id string) { s.decide(id, Decision{Approved: true}) }

// Deny records that the held call id must not be applied; on Resume the
// model gets "denied: reason".
func (s *State) Deny(id, reason string) { s.decide(id, Decision{Reason: reason}) }

func (s *State) decide(id string, d Decision) {
	if s.Decisions == nil {
		s.Decisions = map[string]Decision{}
	}
	s.Decisions[id] = d
}

// UnmarshalJSON reads a State, refusing a version this package does not
// know.
func (s *State) UnmarshalJSON(b []byte) error {
	type plain State
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("agent: state: %w", err)
	}
	if p.Version != StateVersion {
		return fmt.Errorf("agent: state: version %d is not supported (want %d)", p.Version, StateVersion)
	}
	*s = State(p)
	return nil
}

// State returns the result as a State to save and resume. After
// ErrApprovalPending it is the state before the held turn was answered, so
// Resume runs the held calls once decided (and never re-applies the others).
func (r *Result) State() State {
	if r.resume != nil {
		st := *r.resume
		st.Decisions = maps.Clone(st.Decisions)
		return st
	}
	return State{
		Version:  StateVersion,
		Messages: slices.Clone(r.Messages),
		Turns:    r.Turns,
		Usage:    r.Usage,
		Applied:  maps.Clone(r.Applied),
	}
}

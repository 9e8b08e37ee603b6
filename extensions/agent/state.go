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
}

// State is a run saved to resume later: a versioned JSON document with the
// messages, the calls still to answer, the counters, the usage and the
// journal of applied calls. A State from Config.Checkpoint may end with an
// assistant turn whose calls are not all answered; Agent.Resume answers them
// without applying any call twice.
type State struct {
	Version  int                   `json:"version"`
	Messages []client.MessageParam `json:"messages"`
	Pending  []Call                `json:"pending,omitempty"`
	Turns    int                   `json:"turns"`
	Usage    Usage                 `json:"usage"`
	Applied  map[string]ToolResult `json:"applied,omitempty"`
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

// State returns the result as a State to save and resume.
func (r *Result) State() State {
	return State{
		Version:  StateVersion,
		Messages: slices.Clone(r.Messages),
		Turns:    r.Turns,
		Usage:    r.Usage,
		Applied:  maps.Clone(r.Applied),
	}
}

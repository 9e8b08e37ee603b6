package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/claudego/claude/client"
	"github.com/google/jsonschema-go/jsonschema"
)

// Call is one tool_use block of an assistant turn: the model's request to
// run a tool. Input is the JSON the model wrote (Before middleware may
// rewrite it).
type Call struct {
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

// Plan is the outcome of a tool's compute phase: what the tool intends to
// do, decided without changing anything. Approval middleware read Summary
// (the actual diff or command) before Apply runs.
type Plan struct {
	// Summary describes the change for approval and logs: a diff, a command.
	Summary string
	// Writes names what Apply changes (file paths, keys). Two plans of one
	// turn that write the same name conflict: neither is applied, and both
	// calls get an error result naming the other.
	Writes []string
	// Apply makes the change. The apply phases of one turn run one at a
	// time, in the order the model asked. A nil Apply means the compute
	// phase already produced Result.
	Apply func(ctx context.Context) (ToolResult, error)
	// Result is the answer when Apply is nil.
	Result ToolResult
}

// Tool is a tool the agent offers the model. Build one with NewTool,
// NewResultTool, NewTwoPhaseTool or NewRawTool; the built-in and MCP tools
// are Tools too. A Tool is a small value: its With methods return changed
// copies.
type Tool struct {
	name       string
	def        client.ToolUnion
	check      *validator
	timeout    time.Duration
	concurrent bool
	// exactly one of run and plan is set
	run  func(ctx context.Context, input json.RawMessage) (ToolResult, error)
	plan func(ctx context.Context, input json.RawMessage) (Plan, error)
}

var toolName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,128}$`)

// NewTool is a tool whose input is the Go type In, described to the model by
// a JSON schema generated from In (its json and jsonschema tags; a field is
// required unless it is omitempty or a pointer). The model's input is
// validated against that schema before run is called: a bad input is an
// is_error result naming the field, never a zero-valued In. run's string is
// the result; its error becomes an is_error result (the loop goes on) unless
// it is a Stop error, which ends the run.
//
// The tool runs in the apply phase, one call at a time; mark it
// Concurrent when it only reads. run must return once ctx is done (a
// cancel, a timeout): the loop waits for it rather than leave a goroutine
// behind, and answers the call "interrupted" or "timed out".
func NewTool[In any](name, description string, run func(ctx context.Context, in In) (string, error)) (Tool, error) {
	if run == nil {
		return Tool{}, fmt.Errorf("agent: NewTool %q: nil run function", name)
	}
	return NewResultTool(name, description, func(ctx context.Context, in In) (ToolResult, error) {
		s, err := run(ctx, in)
		return TextResult(s), err
	})
}

// NewResultTool is NewTool for tools whose result is more than text:
// content blocks (images, documents) or JSON (JSONResult), or an
// ErrorResult chosen by the tool.
func NewResultTool[In any](name, description string, run func(ctx context.Context, in In) (ToolResult, error)) (Tool, error) {
	if run == nil {
		return Tool{}, fmt.Errorf("agent: NewResultTool %q: nil run function", name)
	}
	t, err := typedTool[In](name, description)
	if err != nil {
		return Tool{}, err
	}
	t.run = func(ctx context.Context, raw json.RawMessage) (ToolResult, error) {
		in, err := decodeInput[In](raw)
		if err != nil {
			return ErrorResult(err.Error()), nil
		}
		return run(ctx, in)
	}
	return t, nil
}

// NewTwoPhaseTool is a tool split in two: compute reads and decides,
// returning a Plan; the plan's Apply makes the change. In one assistant turn
// the compute phases of all calls run concurrently (Config.Concurrency at a
// time), then approval middleware see each plan, conflicting plans are
// rejected, and the applies run one by one in the model's order.
func NewTwoPhaseTool[In any](name, description string, compute func(ctx context.Context, in In) (Plan, error)) (Tool, error) {
	if compute == nil {
		return Tool{}, fmt.Errorf("agent: NewTwoPhaseTool %q: nil compute function", name)
	}
	t, err := typedTool[In](name, description)
	if err != nil {
		return Tool{}, err
	}
	t.concurrent = true
	t.plan = func(ctx context.Context, raw json.RawMessage) (Plan, error) {
		in, err := decodeInput[In](raw)
		if err != nil {
			return Plan{Result: ErrorResult(err.Error())}, nil
		}
		return compute(ctx, in)
	}
	return t, nil
}

// NewRawTool is a tool described by a JSON schema given as JSON (from an
// MCP server, a file) whose handler receives the raw input. The input is
// validated against the schema first, by the same rules as NewTool.
func NewRawTool(name, description string, schema json.RawMessage, run func(ctx context.Context, input json.RawMessage) (ToolResult, error)) (Tool, error) {
	if run == nil {
		return Tool{}, fmt.Errorf("agent: NewRawTool %q: nil run function", name)
	}
	var s jsonschema.Schema
	if len(schema) == 0 {
		schema = []byte(`{"type":"object"}`)
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		return Tool{}, fmt.Errorf("agent: NewRawTool %q: input schema: %w", name, err)
	}
	t, err := schemaTool(name, description, &s)
	if err != nil {
		return Tool{}, err
	}
	t.run = run
	return t, nil
}

// NewDefinedTool is a tool whose definition the API fixes (the text editor,
// memory and bash tools: a type and a name, no schema) and whose input the
// handler checks itself. compute returns the plan for one call.
func NewDefinedTool(def client.ToolUnion, compute func(ctx context.Context, input json.RawMessage) (Plan, error)) (Tool, error) {
	raw, err := def.MarshalJSON()
	if err != nil {
		return Tool{}, fmt.Errorf("agent: NewDefinedTool: %w", err)
	}
	var head struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(raw, &head); err != nil || !toolName.MatchString(head.Name) {
		return Tool{}, fmt.Errorf("agent: NewDefinedTool: definition has no valid name: %s", raw)
	}
	if compute == nil {
		return Tool{}, fmt.Errorf("agent: NewDefinedTool %q: nil compute function", head.Name)
	}
	return Tool{name: head.Name, def: def, plan: compute, concurrent: true}, nil
}

func typedTool[In any](name, description string) (Tool, error) {
	s, err := schemaFor[In]()
	if err != nil {
		return Tool{}, fmt.Errorf("agent: tool %q: %w", name, err)
	}
	return schemaTool(name, description, s)
}

func schemaTool(name, description string, s *jsonschema.Schema) (Tool, error) {
	if !toolName.MatchString(name) {
		return Tool{}, fmt.Errorf("agent: tool name %q must match %s", name, toolName)
	}
	if s.Type != "" && s.Type != "object" {
		return Tool{}, fmt.Errorf("agent: tool %q: input schema type must be \"object\", got %q", name, s.Type)
	}
	if s.Type == "" {
		s.Type = "object"
	}
	v, err := newValidator(s)
	if err != nil {
		return Tool{}, fmt.Errorf("agent: tool %q: input schema: %w", name, err)
	}
	raw, err := schemaJSON(s)
	if err != nil {
		return Tool{}, fmt.Errorf("agent: tool %q: input schema: %w", name, err)
	}
	def, err := client.NewTool(name, description, raw)
	if err != nil {
		return Tool{}, err
	}
	return Tool{name: name, def: def, check: v}, nil
}

func decodeInput[In any](raw json.RawMessage) (In, error) {
	var in In
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) && ute.Field != "" {
			return in, fmt.Errorf("invalid input: field %q: expected %s, got JSON %s", ute.Field, ute.Type, ute.Value)
		}
		return in, fmt.Errorf("invalid input: %v", err)
	}
	return in, nil
}

// Name is the tool's name, as the model calls it.
func (t Tool) Name() string { return t.name }

// Definition is the tool as sent in the request's tools list.
func (t Tool) Definition() client.ToolUnion { return t.def }

// WithTimeout returns the tool with a deadline for each call (compute and
// apply each get d). A call that runs past it gets a "timed out" error
// result. Zero means Config.ToolTimeout.
func (t Tool) WithTimeout(d time.Duration) Tool { t.timeout = d; return t }

// Concurrent returns a plain tool marked safe to run at the same time as
// other calls (it only reads): it runs in the compute phase, in parallel.
// Two-phase tools always compute concurrently and apply in order.
func (t Tool) Concurrent() Tool { t.concurrent = true; return t }

// IsConcurrent reports whether the tool's calls run in the parallel
// compute phase.
func (t Tool) IsConcurrent() bool { return t.concurrent }

// compute is the tool's compute phase for one call: a two-phase tool's own
// compute; a concurrent plain tool runs whole here; any other plain tool's
// plan is to run in the apply phase.
func (t *Tool) compute(ctx context.Context, input json.RawMessage) (Plan, error) {
	if t.plan != nil {
		return t.plan(ctx, input)
	}
	if t.concurrent {
		r, err := t.run(ctx, input)
		return Plan{Result: r}, err
	}
	return Plan{Apply: func(ctx context.Context) (ToolResult, error) { return t.run(ctx, input) }}, nil
}

// Invoke runs one call of the tool outside the loop: input validation, the
// compute phase, then the apply phase, with panics turned into error
// results. No middleware run and no deadline is set (ctx bounds the call). It is for tests, scripts
// and bridges (serving agent tools over MCP, say).
func (t Tool) Invoke(ctx context.Context, input json.RawMessage) (ToolResult, error) {
	if t.name == "" {
		return ToolResult{}, errors.New("agent: Invoke on a zero Tool")
	}
	if err := t.check.validate(input); err != nil {
		return ErrorResult(err.Error()), nil
	}
	var plan Plan
	if err := guard(t.name, func() (err error) { plan, err = t.compute(ctx, input); return err }); err != nil {
		if isStop(err) {
			return ToolResult{}, err
		}
		return ErrorResult(err.Error()), nil
	}
	if plan.Apply == nil {
		return plan.Result, nil
	}
	var res ToolResult
	if err := guard(t.name, func() (err error) { res, err = plan.Apply(ctx); return err }); err != nil {
		if isStop(err) {
			return ToolResult{}, err
		}
		return ErrorResult(err.Error()), nil
	}
	return res, nil
}

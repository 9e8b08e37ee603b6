package client

import (
	"errors"
	"fmt"
	"slices"
)

// Placement is where WithMiddlewareAt puts a middleware: immediately before
// (outside) or after (inside) a named stage. The stages are the names
// PipelineOrder lists from "middleware" on, and the names of middleware
// placed earlier. Make one with Before or After.
type Placement struct {
	stage string
	after bool
}

// Before places a middleware immediately outside stage: it runs before the
// stage on the way in, once for each time the stage is entered.
func Before(stage string) Placement { return Placement{stage: stage} }

// After places a middleware immediately inside stage: it runs after the
// stage on the way in. After("retry") runs once per attempt.
func After(stage string) Placement { return Placement{stage: stage, after: true} }

// String returns `before "stage"` or `after "stage"`.
func (p Placement) String() string {
	if p.after {
		return fmt.Sprintf("after %q", p.stage)
	}
	return fmt.Sprintf("before %q", p.stage)
}

// placed is one middleware installed by WithMiddlewareAt.
type placed struct {
	at   Placement
	name string
	mw   Middleware // nil: removed for this call; its name still anchors others
}

// WithMiddlewareAt installs mw under name at a placement relative to a named
// stage, the way smithy-go inserts middleware relative to named steps: a new
// layer needs no new Layer constant, and After("retry") puts a middleware
// inside the retry loop, where it sees every attempt (Before("ratelimit")
// sees each call once). Later placements may name earlier ones.
//
// A name is a slot: installing the same name again (as a call option, say)
// replaces its middleware where it already sits, and nil removes it.
// New and the call fail fast on a placement naming no stage, "headers"
// (headers are set before the pipeline), after "transport", a fixed stage's
// name, an empty name, or a nil middleware for a name not installed.
// PipelineOrder still lists the fixed stages only.
func WithMiddlewareAt(at Placement, name string, mw Middleware) Option {
	return func(c *config) error {
		if err := c.place(at, name, mw); err != nil {
			return fmt.Errorf("claude: WithMiddlewareAt(%v, %q): %w", at, name, err)
		}
		return nil
	}
}

// fixedStages are the stages the pipeline is built from, outermost first
// (PipelineOrder without "headers").
func fixedStages() []string { return PipelineOrder()[1:] }

func (c *config) place(at Placement, name string, mw Middleware) error {
	switch {
	case name == "":
		return errors.New("empty name")
	case slices.Contains(PipelineOrder(), name):
		return fmt.Errorf("%q is a fixed stage: use WithLayer or WithMiddleware", name)
	}
	if i := slices.IndexFunc(c.placed, func(p placed) bool { return p.name == name }); i >= 0 {
		c.placed = slices.Clone(c.placed) // the client's slice is shared with call copies
		c.placed[i].mw = mw
		return nil
	}
	if mw == nil {
		return fmt.Errorf("nil middleware for %q, which is not installed", name)
	}
	switch {
	case at.stage == "headers":
		return errors.New(`nothing runs outside "headers": credentials and headers are set before the pipeline`)
	case at.stage == "transport" && at.after:
		return errors.New(`nothing runs after "transport"`)
	case !slices.Contains(fixedStages(), at.stage) && !slices.ContainsFunc(c.placed, func(p placed) bool { return p.name == at.stage }):
		return fmt.Errorf("unknown stage %q (stages: %q and earlier placed names)", at.stage, fixedStages())
	}
	c.placed = append(slices.Clone(c.placed), placed{at: at, name: name, mw: mw})
	return nil
}

// stages resolves the placements into the pipeline's named stages,
// outermost first, ending with "transport".
func (c *config) stages() []placed {
	out := make([]placed, 0, len(fixedStages())+len(c.placed))
	for _, s := range fixedStages() {
		p := placed{name: s}
		for l := range numLayers {
			if l.String() == s {
				p.mw = c.layers[l]
			}
		}
		out = append(out, p)
	}
	for _, p := range c.placed {
		i := slices.IndexFunc(out, func(s placed) bool { return s.name == p.at.stage })
		if p.at.after {
			i++
		}
		out = slices.Insert(out, i, p)
	}
	return out
}

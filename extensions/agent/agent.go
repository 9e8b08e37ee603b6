package agent

import (
	"errors"
	"fmt"

	"github.com/claudego/claude/client"
)

// Agent runs the tool loop for one configuration: send the conversation,
// run the tools the model asks for, send their results, until the model
// stops asking. It is safe for concurrent use: each Run has its own state.
type Agent struct {
	c     *client.Client
	cfg   Config
	tools map[string]*Tool
	defs  []client.ToolUnion
}

// New checks cfg and returns an agent sending with c. It fails, before any
// I/O, on a nil client, an empty Model, MaxTokens below 1, a negative
// MaxTurns or Concurrency, or two tools with one name.
func New(c *client.Client, cfg Config) (*Agent, error) {
	switch {
	case c == nil:
		return nil, errors.New("agent: New: nil client")
	case cfg.Model == "":
		return nil, errors.New("agent: New: Config.Model is empty")
	case cfg.MaxTokens < 1:
		return nil, fmt.Errorf("agent: New: Config.MaxTokens must be at least 1, got %d", cfg.MaxTokens)
	case cfg.MaxTurns < 0:
		return nil, fmt.Errorf("agent: New: Config.MaxTurns must not be negative, got %d", cfg.MaxTurns)
	case cfg.Concurrency < 0:
		return nil, fmt.Errorf("agent: New: Config.Concurrency must not be negative, got %d", cfg.Concurrency)
	}
	if cfg.MaxTurns == 0 {
		cfg.MaxTurns = defaultMaxTurns
	}
	if cfg.Concurrency == 0 {
		cfg.Concurrency = defaultConcurrency
	}
	a := &Agent{c: c, cfg: cfg, tools: make(map[string]*Tool, len(cfg.Tools))}
	for i := range cfg.Tools {
		t := cfg.Tools[i]
		if t.name == "" {
			return nil, fmt.Errorf("agent: New: Config.Tools[%d] is a zero Tool (build tools with NewTool)", i)
		}
		if _, dup := a.tools[t.name]; dup {
			return nil, fmt.Errorf("agent: New: two tools are named %q", t.name)
		}
		a.tools[t.name] = &t
		a.defs = append(a.defs, t.def)
	}
	a.defs = append(a.defs, cfg.ServerTools...)
	return a, nil
}

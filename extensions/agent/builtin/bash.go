package builtin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
)

// BashConfig configures the bash tool. There is no default: a model with a
// shell can do anything the process can, so the tool exists only when a
// program builds one on purpose, and should run in a sandbox (a container,
// a throwaway user) with approval middleware reading each command.
type BashConfig struct {
	// Dir is the working directory of every command. Required.
	Dir string
	// Timeout bounds each command; zero means 2 minutes.
	Timeout time.Duration
	// MaxOutput caps the bytes of output returned (the rest is cut, saying
	// so); zero means 30,000.
	MaxOutput int
	// Env is the environment of the commands; nil means PATH and HOME
	// only. Variables that carry Anthropic credentials
	// (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN) are always removed.
	Env []string
	// Shell is the shell program; empty means "bash".
	Shell string
}

// Bash returns the bash tool (bash_20250124). Each call runs
// `bash -c command` in Dir with the configured environment, timeout and
// output cap; the command is the plan's Summary, so approval middleware
// see exactly what will run. The API's restart input is accepted and does
// nothing: each command runs in a fresh shell.
func Bash(cfg BashConfig) (agent.Tool, error) {
	if cfg.Dir == "" {
		return agent.Tool{}, errors.New("builtin: Bash: BashConfig.Dir is required")
	}
	if info, err := os.Stat(cfg.Dir); err != nil || !info.IsDir() {
		return agent.Tool{}, fmt.Errorf("builtin: Bash: BashConfig.Dir %q is not a directory", cfg.Dir)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.MaxOutput == 0 {
		cfg.MaxOutput = 30000
	}
	if cfg.Shell == "" {
		cfg.Shell = "bash"
	}
	env := cfg.Env
	if env == nil {
		env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	}
	cfg.Env = scrubEnv(env)
	var u client.ToolUnion
	if err := u.FromToolBash20250124(client.ToolBash20250124{Name: "bash", Type: "bash_20250124"}); err != nil {
		return agent.Tool{}, err
	}
	return agent.NewDefinedTool(u, func(ctx context.Context, input json.RawMessage) (agent.Plan, error) {
		var in struct {
			Command string `json:"command"`
			Restart bool   `json:"restart"`
		}
		if err := json.Unmarshal(input, &in); err != nil {
			return fail("Invalid input: %v", err), nil
		}
		if in.Restart {
			return done("tool has been restarted."), nil
		}
		if strings.TrimSpace(in.Command) == "" {
			return fail("Parameter `command` is required"), nil
		}
		return agent.Plan{
			Summary: in.Command,
			Apply:   func(ctx context.Context) (agent.ToolResult, error) { return cfg.run(ctx, in.Command), nil },
		}, nil
	})
}

// scrubEnv drops the variables that carry Anthropic credentials.
func scrubEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if name == "ANTHROPIC_API_KEY" || name == "ANTHROPIC_AUTH_TOKEN" {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func (cfg BashConfig) run(ctx context.Context, command string) agent.ToolResult {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cfg.Shell, "-c", command)
	cmd.Dir = cfg.Dir
	cmd.Env = cfg.Env
	ownGroup(cmd)
	out := &capped{max: cfg.MaxOutput}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = time.Second // a child holding the pipes open does not hang the call
	err := cmd.Run()
	text := out.String()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return agent.ErrorResult(text + fmt.Sprintf("\ncommand timed out after %s", cfg.Timeout))
	case err != nil:
		return agent.ErrorResult(text + "\n" + err.Error())
	}
	return agent.TextResult(text)
}

// capped keeps the first max bytes written and counts the rest.
type capped struct {
	buf     bytes.Buffer
	max     int
	dropped int
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.max - c.buf.Len()
	if room >= len(p) {
		c.buf.Write(p)
		return len(p), nil
	}
	if room > 0 {
		c.buf.Write(p[:room])
	}
	c.dropped += len(p) - max(room, 0)
	return len(p), nil
}

func (c *capped) String() string {
	if c.dropped == 0 {
		return c.buf.String()
	}
	return fmt.Sprintf("%s\n[output truncated: %d more bytes]", c.buf.String(), c.dropped)
}

package main

import (
	"context"

	"github.com/claudego/claude/tools/emulator"
)

// command is one subcommand: its name, a one-line summary for the usage
// text, and what it does with the remaining arguments.
type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, e *session, args []string) error
	// responder, when set, scripts the emulator that --emulator starts.
	responder emulator.Responder
	// offline, when set, says whether these arguments need no client (and
	// so no API key).
	offline func(args []string) bool
}

// commands are the subcommands; a first argument that names none of them is
// the prompt. New subcommands (batch submit|status|results) go here.
var commands = []command{
	{name: "models", summary: "list the available models", run: runModels},
	{name: "count", args: `"prompt"`, summary: "count the prompt's input tokens", run: runCount},
	{name: "agent", args: `DIR ["task"]`, summary: "an agent with the text editor and memory tools on a directory (interactive without a task)", run: runAgent, responder: agentDemo},
	{name: "batch", args: "submit FILE.jsonl | status ID | results ID", summary: "run Message Batches (results wait with a progress bar)", run: runBatch},
	{name: "cost", args: "FILE.json|FILE.jsonl|- | [DAYS]", summary: "price saved replies or batch results offline (no API key needed); with no file, or a number of days, the organization's cost report (ANTHROPIC_ADMIN_KEY)", run: runCost, offline: pricesFiles},
	{name: "skills", summary: "list the workspace's Skills", run: runSkills},
	{name: "org", summary: "show the organization and its users (ANTHROPIC_ADMIN_KEY)", run: runOrg},
	{name: "workspaces", summary: "list the workspaces, archived included (ANTHROPIC_ADMIN_KEY)", run: runWorkspaces},
	{name: "keys", summary: "list the organization's API keys (ANTHROPIC_ADMIN_KEY)", run: runKeys},
	{name: "usage", args: "[DAYS]", summary: "token usage per day and model, default the last 7 days (ANTHROPIC_ADMIN_KEY)", run: runUsage},
	{name: "cost-report", args: "[DAYS]", summary: "the organization's cost in USD per day, workspace and item, default 7 days, as cost without a file (ANTHROPIC_ADMIN_KEY)", run: runCostReport},
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

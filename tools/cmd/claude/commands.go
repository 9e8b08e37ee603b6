package main

import "context"

// command is one subcommand: its name, a one-line summary for the usage
// text, and what it does with the remaining arguments.
type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, e *session, args []string) error
}

// commands are the subcommands; a first argument that names none of them is
// the prompt. New subcommands (batch submit|status|results) go here.
var commands = []command{
	{name: "models", summary: "list the available models", run: runModels},
	{name: "count", args: `"prompt"`, summary: "count the prompt's input tokens", run: runCount},
	{name: "batch", args: "submit FILE.jsonl | status ID | results ID", summary: "run Message Batches (results wait with a progress bar)", run: runBatch},
	{name: "skills", summary: "list the workspace's Skills", run: runSkills},
	{name: "org", summary: "show the organization and its users (ANTHROPIC_ADMIN_KEY)", run: runOrg},
	{name: "workspaces", summary: "list the workspaces, archived included (ANTHROPIC_ADMIN_KEY)", run: runWorkspaces},
	{name: "keys", summary: "list the organization's API keys (ANTHROPIC_ADMIN_KEY)", run: runKeys},
	{name: "usage", args: "[DAYS]", summary: "token usage per day and model, default the last 7 days (ANTHROPIC_ADMIN_KEY)", run: runUsage},
	{name: "cost", args: "[DAYS]", summary: "cost in USD per day, workspace and item, default 7 days (ANTHROPIC_ADMIN_KEY)", run: runCost},
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

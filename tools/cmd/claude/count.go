package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/claudego/claude/client"
)

// runCount prints how many input tokens the prompt (with -system and
// -thinking-budget applied) would use.
func runCount(ctx context.Context, s *session, args []string) error {
	prompt := strings.TrimSpace(strings.Join(args, " "))
	if prompt == "" {
		return usageErr("count needs a prompt")
	}
	m := s.request(prompt)
	req := client.CountTokensRequest{Model: m.Model, Messages: m.Messages, System: m.System, Thinking: m.Thinking}
	n, err := s.c.Messages.CountTokens(ctx, req)
	if err != nil {
		return err
	}
	if s.json {
		return s.printJSON(n)
	}
	fmt.Fprintln(s.stdout, n.InputTokens)
	return nil
}

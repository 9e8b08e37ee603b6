package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/claudego/claude/client"
)

// request builds the Messages request for a prompt from the flags.
func (s *session) request(prompt string) client.MessageRequest {
	req := client.MessageRequest{
		Model:     s.model,
		MaxTokens: s.maxTokens,
		Messages:  []client.MessageParam{client.UserText(prompt)},
	}
	if s.system != "" {
		req.System = client.SystemText(s.system)
	}
	if s.temperature.set {
		t := s.temperature.v
		req.Temperature = &t
	}
	if s.thinkingBudget > 0 {
		req.Thinking = client.ThinkingEnabled(s.thinkingBudget)
	}
	return req
}

// runPrompt sends the prompt and prints the reply as it arrives (or, with
// -json, the final message), then usage and the request-id on stderr.
func runPrompt(ctx context.Context, s *session, args []string) error {
	prompt := strings.TrimSpace(strings.Join(args, " "))
	if prompt == "" {
		return usageErr("empty prompt")
	}
	var resp *http.Response
	msg, err := s.stream(ctx, s.request(prompt), client.WithResponseInto(&resp))
	if err != nil {
		return err
	}
	if s.json {
		if err := s.printJSON(msg); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(s.stdout)
	}
	stop := ""
	if msg.StopReason != nil {
		stop = string(*msg.StopReason)
	}
	fmt.Fprintf(s.stderr, "usage: %d input tokens, %d output tokens; stop_reason: %s; request-id: %s\n",
		msg.Usage.InputTokens, msg.Usage.OutputTokens, stop, requestID(resp))
	return nil
}

func requestID(resp *http.Response) string {
	if resp == nil {
		return "(none)"
	}
	if id := resp.Header.Get("request-id"); id != "" {
		return id
	}
	return "(none)"
}

func (s *session) printJSON(v any) error {
	enc := json.NewEncoder(s.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

package main

import (
	"context"
	"fmt"

	"github.com/claudego/claude/client"
)

// stream sends req and, unless -json is set, writes the reply's text to
// stdout (thinking to stderr) as it arrives; it returns the final message.
func (s *session) stream(ctx context.Context, req client.MessageRequest, opts ...client.Option) (*client.Message, error) {
	msg, err := s.c.Messages.Create(ctx, req, opts...)
	if err != nil {
		return nil, err
	}
	if !s.json {
		fmt.Fprint(s.stdout, msg.Text())
	}
	return msg, nil
}

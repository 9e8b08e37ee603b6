package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// stream sends req as a streamed request and, unless -json is set, writes
// the reply's text to stdout (and thinking to stderr) as it arrives. It
// returns the final message; on a failure mid-reply the text so far has been
// written and ended with a newline.
func (s *session) stream(ctx context.Context, req client.MessageRequest, opts ...client.Option) (*client.Message, error) {
	st, err := s.c.Messages.Stream(ctx, req, opts...)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	wrote, thinking := false, false
	for st.Next() {
		if s.json {
			continue
		}
		ev := st.Event()
		if t, ok := ev.TextDelta(); ok {
			if thinking {
				fmt.Fprintln(s.stderr)
				thinking = false
			}
			fmt.Fprint(s.stdout, t)
			wrote = true
			continue
		}
		if t, ok := thinkingDelta(ev); ok {
			if !thinking {
				fmt.Fprint(s.stderr, "thinking: ")
				thinking = true
			}
			fmt.Fprint(s.stderr, t)
		}
	}
	if err := st.Err(); err != nil {
		if wrote {
			fmt.Fprintln(s.stdout)
		}
		return nil, err
	}
	return st.Message(), nil
}

// thinkingDelta returns the text of a thinking_delta event.
func thinkingDelta(ev streaming.Event) (string, bool) {
	if ev.Type != streaming.TypeContentBlockDelta {
		return "", false
	}
	var w struct {
		Delta struct {
			Type     string `json:"type"`
			Thinking string `json:"thinking"`
		} `json:"delta"`
	}
	if json.Unmarshal(ev.Data, &w) != nil || w.Delta.Type != "thinking_delta" {
		return "", false
	}
	return w.Delta.Thinking, true
}

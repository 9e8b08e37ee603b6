package main

import (
	"errors"

	"github.com/anthropics/anthropic-sdk-go"

	"github.com/claudego/claude/client"
)

// reading is how a benchmark reads the blocks of a Create reply: each
// client's documented idiom for it.
type reading int

const (
	// readText: the text helper (claude-go's Message.Text, the official
	// SDK's Content[i].Text field).
	readText reading = iota
	// readBlockOf: the type switch over each block's variant (claude-go's
	// README idiom, switch client.BlockOf(b).(type); the official SDK's
	// switch b.AsAny().(type)).
	readBlockOf
	// readAs: the generated union's own accessors, the variant's name
	// first, then that variant (claude-go's c.Discriminator() and
	// c.AsTextBlock(); the official SDK's c.Type and c.AsText()).
	readAs
	// readRaw: each block's JSON as received (claude-go's
	// ContentBlock.MarshalJSON, the official SDK's RawJSON).
	readRaw
)

var errNoText = errors.New("bench: the reply has no text")

func readOurs(m *client.Message, read reading) (string, error) {
	if read == readText {
		return m.Text(), nil
	}
	// Counted, not concatenated: the cost measured is the accessor's.
	n := 0
	for _, c := range m.Content {
		switch read {
		case readBlockOf:
			switch v := client.BlockOf(c).(type) {
			case client.TextBlock:
				n += len(v.Text)
			case client.UnknownBlock:
				return "", errors.New("bench: unknown block " + v.Type)
			}
		case readAs:
			d, err := c.Discriminator()
			if err != nil {
				return "", err
			}
			if d != "text" {
				continue
			}
			tb, err := c.AsTextBlock()
			if err != nil {
				return "", err
			}
			n += len(tb.Text)
		case readRaw:
			raw, err := c.MarshalJSON()
			if err != nil {
				return "", err
			}
			n += len(raw)
		}
	}
	return "", counted(n)
}

func readSDK(m *anthropic.Message, read reading) (string, error) {
	if read == readText {
		return m.Content[0].Text, nil
	}
	n := 0
	for _, c := range m.Content {
		switch read {
		case readBlockOf:
			if v, ok := c.AsAny().(anthropic.TextBlock); ok {
				n += len(v.Text)
			}
		case readAs:
			if c.Type == "text" {
				n += len(c.AsText().Text)
			}
		case readRaw:
			n += len(c.RawJSON())
		}
	}
	return "", counted(n)
}

// counted is the error of a read that found n bytes of text.
func counted(n int) error {
	if n == 0 {
		return errNoText
	}
	return nil
}

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
	switch read {
	case readBlockOf:
		// Counted, not concatenated: the cost measured is the accessor's.
		n := 0
		for _, c := range m.Content {
			switch v := client.BlockOf(c).(type) {
			case client.TextBlock:
				n += len(v.Text)
			case client.UnknownBlock:
				return "", errors.New("bench: unknown block " + v.Type)
			}
		}
		if n == 0 {
			return "", errNoText
		}
		return "", nil
	case readAs:
		n := 0
		for _, c := range m.Content {
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
		}
		if n == 0 {
			return "", errNoText
		}
		return "", nil
	case readRaw:
		n := 0
		for _, c := range m.Content {
			raw, err := c.MarshalJSON()
			if err != nil {
				return "", err
			}
			n += len(raw)
		}
		if n == 0 {
			return "", errNoText
		}
		return "", nil
	}
	return m.Text(), nil
}

func readSDK(m *anthropic.Message, read reading) (string, error) {
	switch read {
	case readBlockOf:
		n := 0
		for _, c := range m.Content {
			switch v := c.AsAny().(type) {
			case anthropic.TextBlock:
				n += len(v.Text)
			}
		}
		if n == 0 {
			return "", errNoText
		}
		return "", nil
	case readAs:
		n := 0
		for _, c := range m.Content {
			if c.Type == "text" {
				n += len(c.AsText().Text)
			}
		}
		if n == 0 {
			return "", errNoText
		}
		return "", nil
	case readRaw:
		n := 0
		for _, c := range m.Content {
			n += len(c.RawJSON())
		}
		if n == 0 {
			return "", errNoText
		}
		return "", nil
	}
	return m.Content[0].Text, nil
}

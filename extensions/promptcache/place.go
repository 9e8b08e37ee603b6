package promptcache

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

// MaxBreakpoints is the API's limit of cache_control marks per request.
const MaxBreakpoints = 4

// minCacheable is the minimum cacheable prefix per model family, in tokens,
// from the prompt-caching guide (platform.claude.com, "Cache limitations",
// as of 2026-11). A family not listed uses DefaultMinTokens.
var minCacheable = map[string]int{
	"claude-opus-5": 512, "claude-fable-5": 512, "claude-mythos-5": 512,
	"claude-opus-4-8": 1024, "claude-sonnet-5": 1024, "claude-sonnet-4-6": 1024, "claude-sonnet-4-5": 1024,
	"claude-opus-4-1": 1024, "claude-opus-4": 1024, "claude-sonnet-4": 1024, "claude-3-7-sonnet": 1024,
	"claude-opus-4-7": 2048, "claude-3-5-haiku": 2048, "claude-3-haiku": 2048,
	"claude-opus-4-6": 4096, "claude-opus-4-5": 4096, "claude-haiku-4-5": 4096,
}

// DefaultMinTokens is the minimum assumed for a model the table above does
// not list.
const DefaultMinTokens = 1024

// MinTokens returns the minimum cacheable prefix for model (a dated ID uses
// its family's).
func MinTokens(model string) int {
	if n, ok := minCacheable[model]; ok {
		return n
	}
	if i := strings.LastIndexByte(model, '-'); i > 0 && len(model)-i == 9 {
		if n, ok := minCacheable[model[:i]]; ok {
			return n
		}
	}
	return DefaultMinTokens
}

// Config configures Place. The zero value places up to three breakpoints
// (tools, system, conversation) with the 5-minute lifetime.
type Config struct {
	// TTL is "5m" (default) or "1h".
	TTL string
	// SkipTools, SkipSystem and SkipMessages leave that part unmarked.
	SkipTools, SkipSystem, SkipMessages bool
	// MinTokens overrides the model's minimum cacheable prefix.
	MinTokens int
	// CountTokens estimates the tokens of a JSON fragment. Default
	// len(json)/4; call count_tokens for exact numbers.
	CountTokens func(json []byte) int
}

// Placement is what Place did: each breakpoint it added (by where it is:
// "tools[3]", "system[1]", "messages[5].content[0]") and why it left a part
// unmarked.
type Placement struct {
	Added   []string
	Skipped []string
	// Existing is the number of breakpoints the request already had.
	Existing int
}

// Place adds cache_control breakpoints to req in place: after the tools, the
// system prompt, and the last message's last cacheable block, in that order
// (the cache's prefix order), stopping at MaxBreakpoints counting those the
// request already has. A breakpoint whose prefix (everything before and
// including it) is under the model's minimum is skipped, with the reason in
// Placement.Skipped.
func Place(req *client.MessageRequest, o Config) (Placement, error) {
	var p Placement
	if req == nil {
		return p, fmt.Errorf("promptcache: nil request")
	}
	ttl := client.CacheControlEphemeral{Type: "ephemeral"}
	switch o.TTL {
	case "", "5m":
	case "1h":
		ttl.TTL = "1h"
	default:
		return p, fmt.Errorf("promptcache: TTL %q: want 5m or 1h", o.TTL)
	}
	count := o.CountTokens
	if count == nil {
		count = func(b []byte) int { return len(b) / 4 }
	}
	minTok := o.MinTokens
	if minTok <= 0 {
		minTok = MinTokens(req.Model)
	}
	toolsJSON, err := json.Marshal(req.Tools)
	if err != nil {
		return p, fmt.Errorf("promptcache: tools: %w", err)
	}
	systemJSON, err := json.Marshal(req.System)
	if err != nil {
		return p, fmt.Errorf("promptcache: system: %w", err)
	}
	messagesJSON, err := json.Marshal(req.Messages)
	if err != nil {
		return p, fmt.Errorf("promptcache: messages: %w", err)
	}
	mark := []byte(`"cache_control":`)
	p.Existing = bytes.Count(toolsJSON, mark) + bytes.Count(systemJSON, mark) + bytes.Count(messagesJSON, mark)
	if req.CacheControl.Type != "" {
		p.Existing++
	}
	room := MaxBreakpoints - p.Existing
	prefix := 0
	try := func(part string, skip bool, size int, add func() (string, error)) error {
		prefix += size
		switch {
		case skip:
			return nil
		case room <= 0:
			p.Skipped = append(p.Skipped, part+": the request already has "+fmt.Sprint(MaxBreakpoints)+" breakpoints")
			return nil
		case prefix < minTok:
			p.Skipped = append(p.Skipped, fmt.Sprintf("%s: prefix of about %d tokens is under the minimum of %d for %s", part, prefix, minTok, req.Model))
			return nil
		}
		where, err := add()
		if err != nil {
			return err
		}
		if where == "" {
			p.Skipped = append(p.Skipped, part+": nothing cacheable")
			return nil
		}
		p.Added = append(p.Added, where)
		room--
		return nil
	}
	if err := try("tools", o.SkipTools || len(req.Tools) == 0, count(toolsJSON), func() (string, error) {
		return markTool(req, ttl)
	}); err != nil {
		return p, err
	}
	if err := try("system", o.SkipSystem || len(systemJSON) <= 2 || string(systemJSON) == "null", count(systemJSON), func() (string, error) {
		return markSystem(req, ttl)
	}); err != nil {
		return p, err
	}
	if err := try("messages", o.SkipMessages || len(req.Messages) == 0, count(messagesJSON), func() (string, error) {
		return markLastMessage(req, ttl)
	}); err != nil {
		return p, err
	}
	return p, nil
}

// setCacheControl sets "cache_control" on one JSON object, keeping every
// other field as it is.
func setCacheControl(raw []byte, cc client.CacheControlEphemeral) ([]byte, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	b, err := json.Marshal(cc)
	if err != nil {
		return nil, err
	}
	obj["cache_control"] = b
	return json.Marshal(obj)
}

func markTool(req *client.MessageRequest, cc client.CacheControlEphemeral) (string, error) {
	i := len(req.Tools) - 1
	raw, err := json.Marshal(req.Tools[i])
	if err != nil {
		return "", err
	}
	out, err := setCacheControl(raw, cc)
	if err != nil {
		return "", fmt.Errorf("promptcache: tools[%d]: %w", i, err)
	}
	if err := req.Tools[i].UnmarshalJSON(out); err != nil {
		return "", fmt.Errorf("promptcache: tools[%d]: %w", i, err)
	}
	return fmt.Sprintf("tools[%d]", i), nil
}

func markSystem(req *client.MessageRequest, cc client.CacheControlEphemeral) (string, error) {
	if text, err := req.System.AsSystemPromptText(); err == nil {
		blocks := []client.TextBlockParam{{Type: "text", Text: text, CacheControl: cc}}
		if err := req.System.FromSystemPromptBlocks(blocks); err != nil {
			return "", err
		}
		return "system[0]", nil
	}
	blocks, err := req.System.AsSystemPromptBlocks()
	if err != nil {
		return "", fmt.Errorf("promptcache: system: %w", err)
	}
	if len(blocks) == 0 {
		return "", nil
	}
	blocks[len(blocks)-1].CacheControl = cc
	if err := req.System.FromSystemPromptBlocks(blocks); err != nil {
		return "", err
	}
	return fmt.Sprintf("system[%d]", len(blocks)-1), nil
}

// uncacheable block types: the API refuses cache_control on them.
var uncacheable = map[string]bool{"thinking": true, "redacted_thinking": true}

func markLastMessage(req *client.MessageRequest, cc client.CacheControlEphemeral) (string, error) {
	for mi := len(req.Messages) - 1; mi >= 0; mi-- {
		m := &req.Messages[mi]
		if text, err := m.Content.AsMessageContentText(); err == nil {
			var b client.ContentBlockParam
			if err := b.FromTextBlockParam(client.TextBlockParam{Type: "text", Text: text, CacheControl: cc}); err != nil {
				return "", err
			}
			if err := m.Content.FromMessageContentBlocks([]client.ContentBlockParam{b}); err != nil {
				return "", err
			}
			return fmt.Sprintf("messages[%d].content[0]", mi), nil
		}
		blocks, err := m.Content.AsMessageContentBlocks()
		if err != nil {
			return "", fmt.Errorf("promptcache: messages[%d].content: %w", mi, err)
		}
		for bi := len(blocks) - 1; bi >= 0; bi-- {
			raw, err := blocks[bi].MarshalJSON()
			if err != nil {
				return "", err
			}
			var head struct {
				Type string `json:"type"`
			}
			if json.Unmarshal(raw, &head) != nil || uncacheable[head.Type] {
				continue
			}
			out, err := setCacheControl(raw, cc)
			if err != nil {
				return "", fmt.Errorf("promptcache: messages[%d].content[%d]: %w", mi, bi, err)
			}
			if err := blocks[bi].UnmarshalJSON(out); err != nil {
				return "", err
			}
			if err := m.Content.FromMessageContentBlocks(blocks); err != nil {
				return "", err
			}
			return fmt.Sprintf("messages[%d].content[%d]", mi, bi), nil
		}
	}
	return "", nil
}

// Savings is one call's cache outcome, from its usage.
type Savings struct {
	// CachedTokens were read from the cache; WrittenTokens were written to
	// it; UncachedTokens were neither.
	CachedTokens, WrittenTokens, UncachedTokens int64
	// HitRate is CachedTokens over all input tokens (0 when there are none).
	HitRate float64
	// SavedUSD is what the call saved against sending every input token at
	// the base rate (negative on a call that only wrote to the cache).
	SavedUSD float64
	// CostUSD is the call's price.
	CostUSD float64
}

// Report reads a reply's usage. An unknown model still reports the token
// counts, with the error from the pricing table.
func Report(model string, u client.Usage) (Savings, error) {
	t := pricing.FromUsage(u)
	s := Savings{CachedTokens: t.CacheRead, WrittenTokens: t.CacheWrite5m + t.CacheWrite1h, UncachedTokens: t.Input}
	if all := s.CachedTokens + s.WrittenTokens + s.UncachedTokens; all > 0 {
		s.HitRate = float64(s.CachedTokens) / float64(all)
	}
	b, err := pricing.Default().CostTokens(model, t)
	if err != nil {
		return s, err
	}
	s.SavedUSD, s.CostUSD = b.Saved, b.Total
	return s, nil
}

package client

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// imageMediaTypes are the image types the API accepts.
var imageMediaTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true}

// base64Check validates a JSON string as standard base64 in place, inside
// json.Unmarshal, so a 10 MB image is checked without being copied. It
// flags exactly what encoding/base64's StdEncoding rejects after
// encoding/json has decoded the string (FuzzBase64Check), plus the empty
// string.
type base64Check struct {
	present bool
	offset  int // byte offset of the first bad character, or -1
	reason  string
}

func (c *base64Check) UnmarshalJSON(b []byte) error {
	c.present, c.offset = true, -1
	if len(b) < 2 || b[0] != '"' {
		c.offset, c.reason = 0, "must be a string"
		return nil
	}
	s := b[1 : len(b)-1]
	if len(s) == 0 {
		c.offset, c.reason = 0, "empty"
		return nil
	}
	n, pad := 0, 0 // base64 characters and '=' so far
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch == '\\' {
			if i+1 >= len(s) || s[i+1] != '/' {
				c.slow(b) // another escape: rare enough to decode first
				return nil
			}
			i++ // JSON may escape '/' as "\/": still valid base64
			ch = '/'
		}
		switch {
		case ch >= 'A' && ch <= 'Z', ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9', ch == '+', ch == '/':
			if pad > 0 {
				c.offset, c.reason = i, "data after padding"
				return nil
			}
		case ch == '=':
			pad++
		default:
			c.offset, c.reason = i, fmt.Sprintf("invalid base64 character %q", ch)
			return nil
		}
		n++
	}
	switch {
	case pad > 2:
		c.offset, c.reason = len(s)-pad, "too much padding"
	case n%4 != 0:
		c.offset, c.reason = len(s), fmt.Sprintf("length %d is not a multiple of 4", n)
	}
	return nil
}

// slow checks a string with escapes the way the fast loop's answers are
// defined: decoded by encoding/json, then by encoding/base64 (which also
// skips the line breaks an escape can hold). Offsets count decoded bytes.
func (c *base64Check) slow(b []byte) {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		c.offset, c.reason = 0, "must be a string"
		return
	}
	if s == "" {
		c.offset, c.reason = 0, "empty"
		return
	}
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		var ce base64.CorruptInputError
		c.offset, c.reason = 0, err.Error()
		if errors.As(err, &ce) {
			c.offset = int(ce)
		}
	}
}

// imageShape is the part of an image block the checks read.
type imageShape struct {
	Source struct {
		Type      string      `json:"type"`
		MediaType string      `json:"media_type"`
		Data      base64Check `json:"data"`
	} `json:"source"`
}

func (v *validator) image(path string, raw []byte) {
	var img imageShape
	if err := json.Unmarshal(raw, &img); err != nil {
		v.add(path, "malformed image block: %v", err)
		return
	}
	if img.Source.Type != "base64" {
		return
	}
	if !imageMediaTypes[img.Source.MediaType] {
		v.add(path+".source.media_type", "must be image/jpeg, image/png, image/gif or image/webp, got %q", img.Source.MediaType)
	}
	d := img.Source.Data
	switch {
	case !d.present:
		v.add(path+".source.data", "must not be empty")
	case d.offset >= 0:
		v.add(path+".source.data", "not valid base64 at byte %d: %s", d.offset, d.reason)
	}
}

func (v *validator) toolResult(path string, raw []byte) {
	content := jsonscan.Field(raw, "content")
	if len(content) == 0 || content[0] != '[' {
		return
	}
	i := 0
	_ = jsonscan.EachElement(content, func(b []byte) bool {
		if typ, _ := jsonscan.StringField(b, "type"); typ == "image" {
			v.image(fmt.Sprintf("%s.content[%d]", path, i), b)
		}
		i++
		return true
	})
}

// toolShape is the part of any tool definition the checks read.
type toolShape struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// tools checks names and uniqueness and returns the defined names.
func (v *validator) tools(tools []gen.ToolUnion) map[string]bool {
	if len(tools) == 0 {
		return nil // read-only below: a nil map answers every lookup
	}
	names := make(map[string]bool, len(tools))
	for i, t := range tools {
		raw, _ := t.MarshalJSON()
		var s toolShape
		if err := json.Unmarshal(raw, &s); err != nil {
			v.add(fmt.Sprintf("tools[%d]", i), "malformed tool: %v", err)
			continue
		}
		path := fmt.Sprintf("tools[%d].name", i)
		switch {
		case !toolNamePattern.MatchString(s.Name):
			v.add(path, "must match ^[a-zA-Z0-9_-]{1,128}$, got %q", s.Name)
		case names[s.Name]:
			v.add(path, "duplicate tool name %q", s.Name)
		}
		names[s.Name] = true
	}
	return names
}

func (v *validator) toolChoice(tc gen.ToolChoice, names map[string]bool) {
	raw, _ := tc.MarshalJSON()
	if isNullJSON(raw) {
		return
	}
	var s toolShape
	if err := json.Unmarshal(raw, &s); err != nil {
		v.add("tool_choice", "malformed tool_choice: %v", err)
		return
	}
	if s.Type == "tool" && !names[s.Name] {
		v.add("tool_choice.name", "names tool %q, which is not in tools", s.Name)
	}
}

// thinkingShape reads the enabled variant's budget.
type thinkingShape struct {
	Type         string `json:"type"`
	BudgetTokens *int64 `json:"budget_tokens"`
}

func (v *validator) thinking(tc gen.ThinkingConfig, maxTokens int64) {
	raw, _ := tc.MarshalJSON()
	if isNullJSON(raw) {
		return
	}
	var s thinkingShape
	if err := json.Unmarshal(raw, &s); err != nil {
		v.add("thinking", "malformed thinking config: %v", err)
		return
	}
	if s.Type != "enabled" {
		return
	}
	switch {
	case s.BudgetTokens == nil:
		v.add("thinking.budget_tokens", "is required when thinking is enabled")
	case *s.BudgetTokens < minThinkingBudget:
		v.add("thinking.budget_tokens", "must be at least %d, got %d", minThinkingBudget, *s.BudgetTokens)
	case maxTokens > 0 && *s.BudgetTokens >= maxTokens:
		v.add("thinking.budget_tokens", "must be less than max_tokens (%d), got %d", maxTokens, *s.BudgetTokens)
	}
}

package client

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/internal/jsonscan"
)

// ValidationError is a request that failed client-side validation; nothing
// was sent. Field is the JSON path of the offending value, such as
// messages[2].content[0].source.media_type. It matches ErrValidation.
type ValidationError struct {
	Field  string
	Reason string
}

// Error formats as "invalid request: FIELD: REASON".
func (e *ValidationError) Error() string {
	return "invalid request: " + e.Field + ": " + e.Reason
}

// Is matches ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == apierror.ErrValidation }

// toolNamePattern is the API's documented pattern for tool names.
var toolNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,128}$`)

// minThinkingBudget is the API's documented minimum budget_tokens.
const minThinkingBudget = 1024

// validator collects every problem so one call reports them all.
type validator struct{ errs []error }

func (v *validator) add(field, format string, args ...any) {
	v.errs = append(v.errs, &ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)})
}

// indexPath is path[i], the path of an element. Every request builds one
// per message and block, so it is concatenated, not formatted.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func (v *validator) err() error {
	switch len(v.errs) {
	case 0:
		return nil
	case 1:
		return v.errs[0]
	}
	return errors.Join(v.errs...)
}

// ValidateMessageRequest checks what the API documents as invalid, and
// nothing stricter: model non-empty; max_tokens >= 1; messages non-empty with
// roles user or assistant and non-empty content; temperature and top_p in
// [0, 1]; top_k >= 0; stop sequences non-empty; tool names match
// ^[a-zA-Z0-9_-]{1,128}$ and are unique; tool_choice names a defined tool;
// images are jpeg, png, gif or webp with valid base64; thinking budget_tokens
// >= 1024 and below max_tokens. Each failure is a *ValidationError (several
// are joined with errors.Join).
func ValidateMessageRequest(r *MessageRequest) error {
	var v validator
	if strings.TrimSpace(r.Model) == "" {
		v.add("model", "must not be empty")
	}
	if r.MaxTokens < 1 {
		v.add("max_tokens", "must be at least 1, got %d", r.MaxTokens)
	}
	v.messages(r.Messages)
	v.system(r.System)
	if t := r.Temperature; t != nil && (*t < 0 || *t > 1) {
		v.add("temperature", "must be between 0 and 1, got %v", *t)
	}
	if p := r.TopP; p != nil && (*p < 0 || *p > 1) {
		v.add("top_p", "must be between 0 and 1, got %v", *p)
	}
	if k := r.TopK; k != nil && *k < 0 {
		v.add("top_k", "must not be negative, got %d", *k)
	}
	for i, s := range r.StopSequences {
		if s == "" {
			v.add(fmt.Sprintf("stop_sequences[%d]", i), "must not be empty")
		}
	}
	names := v.tools(r.Tools)
	v.toolChoice(r.ToolChoice, names)
	v.thinking(r.Thinking, r.MaxTokens)
	return v.err()
}

// ValidateCountTokensRequest applies the same checks to a count_tokens
// request, less those on generation settings it does not have.
func ValidateCountTokensRequest(r *CountTokensRequest) error {
	var v validator
	if strings.TrimSpace(r.Model) == "" {
		v.add("model", "must not be empty")
	}
	v.messages(r.Messages)
	v.system(r.System)
	names := v.tools(r.Tools)
	v.toolChoice(r.ToolChoice, names)
	v.thinking(r.Thinking, 0)
	return v.err()
}

func (v *validator) messages(msgs []gen.MessageParam) {
	if len(msgs) == 0 {
		v.add("messages", "must contain at least one message")
		return
	}
	for i := range msgs {
		m := &msgs[i]
		switch m.Role {
		case gen.MessageParamRoleUser, gen.MessageParamRoleAssistant:
		default:
			v.add(indexPath("messages", i)+".role", "must be \"user\" or \"assistant\", got %q", string(m.Role))
		}
		v.content(i, m.Content)
	}
}

// contentPath is the field path of message i's content; paths are built
// only for an error or a block whose checks name fields (two allocations
// per message and block saved on every valid request).
func contentPath(i int) string { return indexPath("messages", i) + ".content" }

func (v *validator) content(i int, c gen.MessageContent) {
	raw, _ := c.MarshalJSON()
	if isNullJSON(raw) {
		v.add(contentPath(i), "must not be empty")
		return
	}
	if raw[0] == '"' {
		if s, err := c.AsMessageContentText(); err == nil && s == "" {
			v.add(contentPath(i), "must not be empty")
		}
		return
	}
	j := 0
	if err := jsonscan.EachElement(raw, func(b []byte) bool {
		v.block(i, j, b)
		j++
		return true
	}); err != nil {
		v.add(contentPath(i), "must be a string or an array of content blocks")
		return
	}
	if j == 0 {
		v.add(contentPath(i), "must contain at least one content block")
	}
}

// block checks the block types whose rules the client knows (block j of
// message i); other types (including ones newer than this library) pass
// through untouched. Blocks are read in place (jsonscan), so a 10 MB
// document is never copied to be checked.
func (v *validator) block(i, j int, raw []byte) {
	typ, ok := jsonscan.StringField(raw, "type")
	if !ok || typ == "" {
		v.add(indexPath(contentPath(i), j)+".type", "missing content block type")
		return
	}
	switch typ {
	case "image":
		v.image(indexPath(contentPath(i), j), raw)
	case "tool_result":
		v.toolResult(indexPath(contentPath(i), j), raw)
	}
}

func (v *validator) system(s gen.SystemPrompt) {
	raw, _ := s.MarshalJSON()
	if isNullJSON(raw) || raw[0] == '"' {
		return
	}
	if _, err := s.AsSystemPromptBlocks(); err != nil {
		v.add("system", "must be a string or an array of text blocks: %v", err)
	}
}

func isNullJSON(raw []byte) bool {
	return len(raw) == 0 || string(raw) == "null"
}

package emulator

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Request is the emulator's reading of a Messages request, handed to the
// Responder. Content it does not model (images, documents) appears as a
// short placeholder such as "[image]".
type Request struct {
	Model     string
	MaxTokens int64
	// System is the system prompt's text.
	System   string
	Messages []Turn
	Tools    []ToolDef
	// ToolChoice is "auto", "any", "tool", "none", or "" when not set;
	// ToolChoiceName is the tool forced by "tool".
	ToolChoice     string
	ToolChoiceName string
	StopSequences  []string
	Stream         bool
	// Thinking is true when extended thinking is enabled or adaptive.
	Thinking bool
	// Raw is the request body as received.
	Raw json.RawMessage
}

// Turn is one message of the conversation.
type Turn struct {
	Role        string
	Text        string
	ToolUses    []ToolCall
	ToolResults []ToolResult
}

// ToolDef is a tool offered in the request.
type ToolDef struct {
	Name        string
	Description string
	InputSchema json.RawMessage
}

// ToolCall is a tool_use block: in a reply, ID may be left empty.
type ToolCall struct {
	ID    string
	Name  string
	Input json.RawMessage
}

// ToolResult is a tool_result block sent back by the client.
type ToolResult struct {
	ToolUseID string
	Content   string
	IsError   bool
}

// LastUserText is the text of the last user turn.
func (r *Request) LastUserText() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Text
		}
	}
	return ""
}

// Reply is what the model says: thinking (used only when the request
// enables it), text, then tool calls. The emulator derives stop_reason
// (tool_use when there are tool calls, else end_turn, or max_tokens /
// stop_sequence when the limits cut the reply) and the usage.
type Reply struct {
	Thinking  string
	Text      string
	ToolCalls []ToolCall
}

// Responder writes the reply to a request. It must be deterministic if
// tests are to be; it is called concurrently.
type Responder func(req *Request) Reply

// EchoResponder is the default model, deterministic:
//   - after tool results, it reports them ("The get_weather tool returned: ...");
//   - with tools offered and tool_choice any/tool, or the prompt naming a
//     tool or asking to "use a tool", it calls one (the forced one, the one
//     named, else the first) with an input built from its schema: required
//     properties get the enum's first value, "emulated-<name>", 1, true, []
//     or {};
//   - otherwise it greets prompts that say hello and echoes the rest.
func EchoResponder(req *Request) Reply {
	prompt := strings.TrimSpace(req.LastUserText())
	var rep Reply
	if req.Thinking {
		rep.Thinking = fmt.Sprintf("The user wrote %q. I will answer as the claude-go emulator, deterministically.", clip(prompt, 200))
	}
	if last := lastTurn(req); last != nil && last.Role == "user" && len(last.ToolResults) > 0 {
		var parts []string
		names := toolNames(req)
		for _, tr := range last.ToolResults {
			name := names[tr.ToolUseID]
			if name == "" {
				name = "requested"
			}
			if tr.IsError {
				parts = append(parts, fmt.Sprintf("The %s tool failed: %s", name, tr.Content))
				continue
			}
			parts = append(parts, fmt.Sprintf("The %s tool returned: %s", name, tr.Content))
		}
		rep.Text = strings.Join(parts, "\n")
		return rep
	}
	if tool, forced := chooseTool(req, prompt); tool != nil {
		if !forced {
			rep.Text = "I'll use the " + tool.Name + " tool."
		}
		rep.ToolCalls = []ToolCall{{Name: tool.Name, Input: exampleInput(tool.InputSchema)}}
		return rep
	}
	switch lower := strings.ToLower(prompt); {
	case prompt == "":
		rep.Text = "Hello! I'm the claude-go emulator. Send me a prompt and I'll echo it back."
	case strings.Contains(lower, "hello"):
		rep.Text = "Hello, and welcome to claude-go! This reply was streamed to you by the local emulator, so no API key was needed."
	default:
		rep.Text = fmt.Sprintf("You said: %q. I'm the claude-go emulator, so I echo rather than think.", clip(prompt, 2000))
	}
	return rep
}

func lastTurn(req *Request) *Turn {
	if len(req.Messages) == 0 {
		return nil
	}
	return &req.Messages[len(req.Messages)-1]
}

// toolNames indexes the tool calls of the conversation by ID, so naming the
// tool of each result is one lookup (a nested scan was quadratic). The first
// call with an ID wins, as the scan's did.
func toolNames(req *Request) map[string]string {
	names := map[string]string{}
	for _, t := range req.Messages {
		for _, c := range t.ToolUses {
			if _, dup := names[c.ID]; !dup {
				names[c.ID] = c.Name
			}
		}
	}
	return names
}

// chooseTool picks the tool to call, and whether the request forced it.
func chooseTool(req *Request, prompt string) (*ToolDef, bool) {
	if len(req.Tools) == 0 || req.ToolChoice == "none" {
		return nil, false
	}
	if req.ToolChoice == "tool" {
		for i := range req.Tools {
			if req.Tools[i].Name == req.ToolChoiceName {
				return &req.Tools[i], true
			}
		}
	}
	lower := strings.ToLower(prompt)
	for i := range req.Tools {
		if req.Tools[i].Name != "" && strings.Contains(lower, strings.ToLower(req.Tools[i].Name)) {
			return &req.Tools[i], req.ToolChoice == "any"
		}
	}
	if req.ToolChoice == "any" || req.ToolChoice == "tool" {
		return &req.Tools[0], true
	}
	for _, ask := range []string{"use a tool", "use the tool", "use tools", "call a tool", "call the tool"} {
		if strings.Contains(lower, ask) {
			return &req.Tools[0], false
		}
	}
	return nil, false
}

// exampleInput builds a deterministic input that satisfies schema's
// required properties (all properties when none are required).
func exampleInput(schema json.RawMessage) json.RawMessage {
	var s struct {
		Properties map[string]struct {
			Type any   `json:"type"`
			Enum []any `json:"enum"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	_ = json.Unmarshal(schema, &s)
	names := s.Required
	if len(names) == 0 {
		for n := range s.Properties {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	type kv struct {
		k string
		v any
	}
	var fields []kv
	for _, n := range names {
		p := s.Properties[n]
		var v any
		typ, _ := p.Type.(string)
		switch {
		case len(p.Enum) > 0:
			v = p.Enum[0]
		case typ == "integer" || typ == "number":
			v = 1
		case typ == "boolean":
			v = true
		case typ == "array":
			v = []any{}
		case typ == "object":
			v = map[string]any{}
		default:
			v = "emulated-" + n
		}
		fields = append(fields, kv{n, v})
	}
	// Keep the schema's order of required names in the JSON object.
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(mustJSON(f.k))
		b.WriteByte(':')
		b.Write(mustJSON(f.v))
	}
	b.WriteByte('}')
	return json.RawMessage(b.String())
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}

// wireRequest is the part of a Messages or count_tokens body the emulator reads.
type wireRequest struct {
	Model      string            `json:"model"`
	MaxTokens  int64             `json:"max_tokens"`
	System     json.RawMessage   `json:"system"`
	Messages   []wireMessage     `json:"messages"`
	Tools      []json.RawMessage `json:"tools"`
	ToolChoice *struct {
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"tool_choice"`
	StopSequences []string `json:"stop_sequences"`
	Stream        bool     `json:"stream"`
	Thinking      *struct {
		Type string `json:"type"`
	} `json:"thinking"`
}

type wireMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type wireBlock struct {
	Type      string          `json:"type"`
	Text      string          `json:"text"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Input     json.RawMessage `json:"input"`
	ToolUseID string          `json:"tool_use_id"`
	Content   json.RawMessage `json:"content"`
	IsError   bool            `json:"is_error"`
	Thinking  string          `json:"thinking"`
}

// parseRequest reads a body that already passed spec validation.
func parseRequest(body []byte) (*Request, error) {
	var w wireRequest
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, err
	}
	req := &Request{
		Model:         w.Model,
		MaxTokens:     w.MaxTokens,
		System:        textOf(w.System),
		StopSequences: w.StopSequences,
		Stream:        w.Stream,
		Raw:           json.RawMessage(body),
	}
	if w.ToolChoice != nil {
		req.ToolChoice, req.ToolChoiceName = w.ToolChoice.Type, w.ToolChoice.Name
	}
	if w.Thinking != nil {
		req.Thinking = w.Thinking.Type == "enabled" || w.Thinking.Type == "adaptive"
	}
	for _, raw := range w.Tools {
		var t struct {
			Name        string          `json:"name"`
			Description string          `json:"description"`
			InputSchema json.RawMessage `json:"input_schema"`
		}
		_ = json.Unmarshal(raw, &t)
		req.Tools = append(req.Tools, ToolDef{Name: t.Name, Description: t.Description, InputSchema: t.InputSchema})
	}
	for _, m := range w.Messages {
		req.Messages = append(req.Messages, parseTurn(m))
	}
	return req, nil
}

func parseTurn(m wireMessage) Turn {
	t := Turn{Role: m.Role}
	var s string
	if json.Unmarshal(m.Content, &s) == nil {
		t.Text = s
		return t
	}
	var blocks []wireBlock
	_ = json.Unmarshal(m.Content, &blocks)
	var texts []string
	for _, b := range blocks {
		switch b.Type {
		case "text":
			texts = append(texts, b.Text)
		case "tool_use":
			t.ToolUses = append(t.ToolUses, ToolCall{ID: b.ID, Name: b.Name, Input: b.Input})
		case "tool_result":
			t.ToolResults = append(t.ToolResults, ToolResult{ToolUseID: b.ToolUseID, Content: textOf(b.Content), IsError: b.IsError})
		case "thinking":
		default:
			texts = append(texts, "["+b.Type+"]")
		}
	}
	t.Text = strings.Join(texts, "\n")
	return t
}

// textOf flattens a string-or-blocks value to its text.
func textOf(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var blocks []wireBlock
	if json.Unmarshal(raw, &blocks) != nil {
		return ""
	}
	var texts []string
	for _, b := range blocks {
		if b.Type == "text" {
			texts = append(texts, b.Text)
		} else {
			texts = append(texts, "["+b.Type+"]")
		}
	}
	return strings.Join(texts, "\n")
}

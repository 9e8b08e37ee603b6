package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"
)

// wireMessageOut is a Message as the API sends it, fields in the API's order.
type wireMessageOut struct {
	Model        string            `json:"model"`
	ID           string            `json:"id"`
	Type         string            `json:"type"`
	Role         string            `json:"role"`
	Content      []json.RawMessage `json:"content"`
	StopReason   *string           `json:"stop_reason"`
	StopSequence *string           `json:"stop_sequence"`
	StopDetails  *struct{}         `json:"stop_details"`
	Usage        wireUsage         `json:"usage"`
}

type wireUsage struct {
	InputTokens              int64          `json:"input_tokens"`
	CacheCreationInputTokens int64          `json:"cache_creation_input_tokens"`
	CacheReadInputTokens     int64          `json:"cache_read_input_tokens"`
	CacheCreation            *cacheCreation `json:"cache_creation,omitempty"`
	OutputTokens             int64          `json:"output_tokens"`
	ServiceTier              string         `json:"service_tier,omitempty"`
	InferenceGeo             string         `json:"inference_geo,omitempty"`
}

type cacheCreation struct {
	Ephemeral5m int64 `json:"ephemeral_5m_input_tokens"`
	Ephemeral1h int64 `json:"ephemeral_1h_input_tokens"`
}

type textBlock struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type thinkingBlock struct {
	Type      string `json:"type"`
	Thinking  string `json:"thinking"`
	Signature string `json:"signature"`
}

type toolUseBlock struct {
	Type  string          `json:"type"`
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

// outcome is a reply fitted to the request's limits.
type outcome struct {
	msgID        string
	model        string
	thinking     string
	signature    string
	text         string
	calls        []ToolCall
	stopReason   string
	stopSequence *string
	inputTokens  int64
	outputTokens int64
}

// ApproxTokens is the emulator's token count for text: one token per four
// characters (runes), rounded up. It is an honest approximation, not
// Claude's tokenizer: real counts differ, typically by 10-30%.
func ApproxTokens(s string) int64 {
	n := utf8.RuneCountInString(s)
	return int64((n + 3) / 4)
}

// inputTokens approximates a request's input: the system prompt, every
// turn's text, tool calls and results, and the tool definitions, at four
// characters a token, plus 3 tokens per turn for the message framing.
func inputTokens(req *Request) int64 {
	var b strings.Builder
	b.WriteString(req.System)
	for _, t := range req.Messages {
		b.WriteString(t.Text)
		for _, c := range t.ToolUses {
			b.WriteString(c.Name)
			b.Write(c.Input)
		}
		for _, r := range t.ToolResults {
			b.WriteString(r.Content)
		}
	}
	for _, t := range req.Tools {
		b.WriteString(t.Name)
		b.WriteString(t.Description)
		b.Write(t.InputSchema)
	}
	return max(ApproxTokens(b.String())+3*int64(len(req.Messages)), 1)
}

func (x *exchange) countTokens(body []byte) *response {
	req, err := parseRequest(body)
	if err != nil {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "There was an error parsing the body of your request: "+err.Error())
	}
	if _, ok := x.h.findModel(req.Model); !ok {
		return x.apiError(http.StatusNotFound, "not_found_error", "model: "+req.Model)
	}
	return jsonResponse(struct {
		InputTokens int64 `json:"input_tokens"`
	}{inputTokens(req)})
}

func (x *exchange) createMessage(body []byte) *response {
	req, err := parseRequest(body)
	if err != nil {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "There was an error parsing the body of your request: "+err.Error())
	}
	m, ok := x.h.findModel(req.Model)
	if !ok {
		return x.apiError(http.StatusNotFound, "not_found_error", "model: "+req.Model)
	}
	if req.MaxTokens < 1 {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "max_tokens: Input should be greater than or equal to 1")
	}
	if len(req.Messages) == 0 {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "messages: at least one message is required")
	}
	out := fit(req, x.h.cfg.Responder(req))
	out.model = m.ID
	out.msgID = newID("msg_emu_")
	x.recordUsage(out)
	if req.Stream {
		return streamResponse(out)
	}
	return jsonResponse(out.message(true))
}

// fit applies stop_sequences and max_tokens to the reply and fills usage.
func fit(req *Request, rep Reply) outcome {
	out := outcome{text: rep.Text, stopReason: "end_turn", inputTokens: inputTokens(req)}
	if req.Thinking {
		out.thinking = rep.Thinking
		if out.thinking != "" {
			out.signature = "ZW11bGF0b3Itc2lnbmF0dXJl" + newID("")
		}
	}
	for i, c := range rep.ToolCalls {
		if c.ID == "" {
			c.ID = newID("toolu_emu_")
		}
		if len(c.Input) == 0 {
			c.Input = json.RawMessage("{}")
		}
		rep.ToolCalls[i] = c
	}
	out.calls = rep.ToolCalls
	if len(out.calls) > 0 {
		out.stopReason = "tool_use"
	}
	for _, seq := range req.StopSequences {
		if i := strings.Index(out.text, seq); seq != "" && i >= 0 {
			out.text = out.text[:i]
			s := seq
			out.stopReason, out.stopSequence, out.calls = "stop_sequence", &s, nil
			break
		}
	}
	used := ApproxTokens(out.thinking) + ApproxTokens(out.text)
	for _, c := range out.calls {
		used += ApproxTokens(string(c.Input)) + 8
	}
	if used > req.MaxTokens {
		room := req.MaxTokens*4 - int64(utf8.RuneCountInString(out.thinking))
		if room < 0 {
			out.thinking = string([]rune(out.thinking)[:req.MaxTokens*4])
			room = 0
		}
		if r := []rune(out.text); int64(len(r)) > room {
			out.text = string(r[:room])
		}
		out.calls, out.stopReason, out.stopSequence = nil, "max_tokens", nil
		used = req.MaxTokens
	}
	out.outputTokens = max(used, 1)
	return out
}

// message is the final Message; with full false it is the empty shell sent
// in message_start.
func (o outcome) message(full bool) wireMessageOut {
	m := wireMessageOut{
		Model: o.model, ID: o.msgID, Type: "message", Role: "assistant",
		Content: []json.RawMessage{},
		Usage: wireUsage{
			InputTokens:   o.inputTokens,
			CacheCreation: &cacheCreation{},
			OutputTokens:  o.outputTokens,
			ServiceTier:   "standard",
			InferenceGeo:  "not_available",
		},
	}
	if !full {
		m.Usage.OutputTokens = 1
		return m
	}
	for _, b := range o.blocks() {
		m.Content = append(m.Content, mustJSON(b))
	}
	reason := o.stopReason
	m.StopReason, m.StopSequence = &reason, o.stopSequence
	return m
}

// blocks are the content blocks in order: thinking, text, tool calls.
func (o outcome) blocks() []any {
	var bs []any
	if o.thinking != "" {
		bs = append(bs, thinkingBlock{Type: "thinking", Thinking: o.thinking, Signature: o.signature})
	}
	if o.text != "" || (o.thinking == "" && len(o.calls) == 0) {
		bs = append(bs, textBlock{Type: "text", Text: o.text})
	}
	for _, c := range o.calls {
		bs = append(bs, toolUseBlock{Type: "tool_use", ID: c.ID, Name: c.Name, Input: c.Input})
	}
	return bs
}

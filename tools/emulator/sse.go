package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// The API pads some data lines with spaces before the closing brace; the
// emulator does the same, with the widths of the recorded stream-text case,
// so clients meet the format they will meet in production.
var padding = map[string]int{
	"message_start":       1,
	"content_block_start": 15,
	"content_block_delta": 15,
	"content_block_stop":  4,
	"message_delta":       0,
	"message_stop":        3,
}

// sseEvent formats one event: "event: NAME\ndata: JSON\n\n".
func sseEvent(name string, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString("event: ")
	b.WriteString(name)
	b.WriteString("\ndata: ")
	if pad := padding[name]; pad > 0 && len(payload) > 0 && payload[len(payload)-1] == '}' {
		b.Write(payload[:len(payload)-1])
		b.WriteString(strings.Repeat(" ", pad))
		b.WriteByte('}')
	} else {
		b.Write(payload)
	}
	b.WriteString("\n\n")
	return b.Bytes()
}

// pingEvent is byte for byte the API's ping.
var pingEvent = []byte("event: ping\ndata: {\"type\": \"ping\"}\n\n")

type blockStart struct {
	Type         string `json:"type"`
	Index        int    `json:"index"`
	ContentBlock any    `json:"content_block"`
}

type blockDelta struct {
	Type  string `json:"type"`
	Index int    `json:"index"`
	Delta any    `json:"delta"`
}

type blockStop struct {
	Type  string `json:"type"`
	Index int    `json:"index"`
}

type textDelta struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type thinkingDelta struct {
	Type     string `json:"type"`
	Thinking string `json:"thinking"`
}

type signatureDelta struct {
	Type      string `json:"type"`
	Signature string `json:"signature"`
}

type inputJSONDelta struct {
	Type        string `json:"type"`
	PartialJSON string `json:"partial_json"`
}

type messageDelta struct {
	Type  string `json:"type"`
	Delta struct {
		StopReason   string    `json:"stop_reason"`
		StopSequence *string   `json:"stop_sequence"`
		StopDetails  *struct{} `json:"stop_details"`
	} `json:"delta"`
	Usage struct {
		InputTokens              int64 `json:"input_tokens"`
		CacheCreationInputTokens int64 `json:"cache_creation_input_tokens"`
		CacheReadInputTokens     int64 `json:"cache_read_input_tokens"`
		OutputTokens             int64 `json:"output_tokens"`
	} `json:"usage"`
}

// streamResponse turns an outcome into the API's event sequence:
// message_start, then per block content_block_start, deltas and
// content_block_stop (with a ping after the first start), message_delta with
// the stop reason and usage, and message_stop.
func streamResponse(o outcome) *response {
	var evs [][]byte
	add := func(name string, v any) { evs = append(evs, sseEvent(name, mustJSON(v))) }
	add("message_start", struct {
		Type    string         `json:"type"`
		Message wireMessageOut `json:"message"`
	}{"message_start", o.message(false)})
	pinged := false
	for i, b := range o.blocks() {
		var start any
		var deltas []any
		switch b := b.(type) {
		case thinkingBlock:
			start = thinkingBlock{Type: "thinking"}
			for _, p := range chunkWords(b.Thinking) {
				deltas = append(deltas, thinkingDelta{Type: "thinking_delta", Thinking: p})
			}
			deltas = append(deltas, signatureDelta{Type: "signature_delta", Signature: b.Signature})
		case textBlock:
			start = textBlock{Type: "text"}
			for _, p := range chunkWords(b.Text) {
				deltas = append(deltas, textDelta{Type: "text_delta", Text: p})
			}
		case toolUseBlock:
			start = toolUseBlock{Type: "tool_use", ID: b.ID, Name: b.Name, Input: json.RawMessage("{}")}
			deltas = append(deltas, inputJSONDelta{Type: "input_json_delta"})
			for _, p := range chunkBytes(string(b.Input), 12) {
				deltas = append(deltas, inputJSONDelta{Type: "input_json_delta", PartialJSON: p})
			}
		}
		add("content_block_start", blockStart{Type: "content_block_start", Index: i, ContentBlock: start})
		if !pinged {
			evs, pinged = append(evs, pingEvent), true
		}
		for _, d := range deltas {
			add("content_block_delta", blockDelta{Type: "content_block_delta", Index: i, Delta: d})
		}
		add("content_block_stop", blockStop{Type: "content_block_stop", Index: i})
	}
	var md messageDelta
	md.Type = "message_delta"
	md.Delta.StopReason, md.Delta.StopSequence = o.stopReason, o.stopSequence
	md.Usage.InputTokens, md.Usage.OutputTokens = o.inputTokens, o.outputTokens
	add("message_delta", md)
	add("message_stop", struct {
		Type string `json:"type"`
	}{"message_stop"})
	h := http.Header{}
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	return &response{status: http.StatusOK, header: h, events: evs}
}

// chunkWords splits s into pieces of about three words, keeping every byte
// (spaces travel at the start of the next piece, as the API's deltas do).
func chunkWords(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start, words := 0, 0
	for i := 1; i < len(s); i++ {
		if s[i] == ' ' && s[i-1] != ' ' {
			words++
			if words == 3 {
				out = append(out, s[start:i])
				start, words = i, 0
			}
		}
	}
	return append(out, s[start:])
}

// chunkBytes splits s into n-byte pieces without splitting a UTF-8 sequence.
func chunkBytes(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := n
		for cut < len(s) && s[cut]&0xC0 == 0x80 {
			cut++
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/claudego/claude/internal/sse"
)

// Event is one server-sent event: its event name and joined data lines.
type Event struct {
	Name string
	Data string
}

// ParseSSE splits a text/event-stream body into events with the framer the
// client reads streams with (internal/sse), so the contract checks exactly
// the events the client sees: the same line ends (LF, CRLF, bare CR), an
// event without data: lines not dispatched, an event cut by the end of the
// body dropped. The error reports an event over the framer's size limit.
func ParseSSE(body []byte) ([]Event, error) {
	var events []Event
	fr := sse.NewFramer(bytes.NewReader(body), 0)
	for {
		name, data, err := fr.Next()
		if err == io.EOF {
			return events, nil
		}
		if err != nil {
			return events, err
		}
		events = append(events, Event{Name: string(name), Data: string(data)})
	}
}

// ValidateSSE checks every event of a streamed Message against the
// MessageStreamEvent union, checks that each event name matches its payload's
// type, and reports drift. Findings are labelled "event[i]".
func (s *Spec) ValidateSSE(body []byte) Findings {
	return s.validateSSE(s.Doc.Components.Schemas["MessageStreamEvent"], body)
}

func (s *Spec) validateSSE(ref *openapi3.SchemaRef, body []byte) Findings {
	events, err := ParseSSE(body)
	var out Findings
	if err != nil {
		out = append(out, Finding{Kind: Invalid, Where: "response", Rule: RuleSSE, Message: err.Error()})
	}
	if len(events) == 0 && err == nil {
		out = append(out, Finding{Kind: Invalid, Where: "response", Rule: RuleSSE, Message: "stream has no events"})
	}
	for i, ev := range events {
		where := fmt.Sprintf("event[%d]", i)
		out = append(out, s.validateDoc(where, ref, []byte(ev.Data))...)
		var head struct {
			Type string `json:"type"`
		}
		if json.Unmarshal([]byte(ev.Data), &head) == nil && ev.Name != "" && head.Type != ev.Name {
			out = append(out, Finding{Kind: Invalid, Where: where, Pointer: "/type", Rule: RuleEventName,
				Message: fmt.Sprintf("event name %q does not match payload type %q", ev.Name, head.Type)})
		}
	}
	return out
}

// ValidateJSONL checks every non-empty line of a JSON Lines body against the
// named component (MessageBatchIndividualResponse for batch results) and
// reports drift. Findings are labelled "line[i]" (0-based).
func (s *Spec) ValidateJSONL(component string, body []byte) Findings {
	ref := s.Doc.Components.Schemas[component]
	if ref == nil {
		return Findings{{Kind: Invalid, Where: "response", Rule: RuleOperation, Message: "no component schema " + component}}
	}
	return s.validateLines(ref, body)
}

func (s *Spec) validateLines(ref *openapi3.SchemaRef, body []byte) Findings {
	var out Findings
	n := 0
	for i, line := range bytes.Split(body, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		n++
		out = append(out, s.validateDoc(fmt.Sprintf("line[%d]", i), ref, line)...)
	}
	if n == 0 {
		out = append(out, Finding{Kind: Invalid, Where: "response", Rule: "jsonl", Message: "no JSON lines"})
	}
	return out
}

package client

import (
	"encoding/json"
	"math"
	"strconv"
	"unsafe"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/jsonscan"
)

// appendMessageRequest appends r as encoding/json writes it without HTML
// escaping (marshalNoEscape, the reference), fields in the struct's order
// with its omitempty/omitzero rules: the common shape (model, max_tokens,
// messages, system, tools, tool_choice, thinking, sampling, stream,
// metadata...) is written by hand, and the rare structured fields
// (context_management, diagnostics, mcp_servers, output_config,
// output_format) by encoding/json one field at a time. The unions hold JSON
// already; it is checked and compacted by jsonscan.AppendCompact, as
// encoding/json does a Marshaler's output. It reports false where its bytes
// could differ from the reference's or the reference fails (content that is
// not JSON, a NaN temperature): the caller then encodes with encoding/json,
// which gives the error. On the path to every stream's first event this
// replaces about a third of the client's instructions
// (BenchmarkStreamFirstEvent); FuzzEncodeRequest holds it to the reference
// (ARCHITECTURE.md, rule 10).
func appendMessageRequest(b []byte, r *MessageRequest) ([]byte, bool) {
	ok := true
	b = append(b, '{')
	sep := false // a member was written: the next one needs a comma
	key := func(k string) {
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = append(b, k...)
	}
	union := func(k string, raw json.RawMessage) {
		if raw == nil || !ok {
			return // omitzero: a nil union is the zero value
		}
		key(k)
		b, ok = appendCompactRaw(b, raw)
	}
	viaJSON := func(k string, v any) {
		if !ok {
			return
		}
		key(k)
		var enc []byte
		var err error
		if enc, err = marshalNoEscape(v); err != nil {
			ok = false
		}
		b = append(b, enc...)
	}
	if cc := r.CacheControl; cc != (gen.CacheControlEphemeral{}) {
		key(`"cache_control":{`)
		if cc.TTL != "" {
			b = append(b, `"ttl":`...)
			b = jsonscan.AppendString(b, string(cc.TTL), false)
			b = append(b, ',')
		}
		b = append(b, `"type":`...)
		b = jsonscan.AppendString(b, string(cc.Type), false)
		b = append(b, '}')
	}
	union(`"container":`, rawOf(&r.Container))
	if r.ContextManagement.Edits != nil {
		viaJSON(`"context_management":`, &r.ContextManagement)
	}
	if r.Diagnostics.PreviousMessageID != nil {
		viaJSON(`"diagnostics":`, &r.Diagnostics)
	}
	if r.InferenceGeo != "" {
		key(`"inference_geo":`)
		b = jsonscan.AppendString(b, r.InferenceGeo, false)
	}
	key(`"max_tokens":`)
	b = strconv.AppendInt(b, r.MaxTokens, 10)
	if len(r.McpServers) > 0 {
		viaJSON(`"mcp_servers":`, &r.McpServers)
	}
	key(`"messages":`)
	if r.Messages == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Messages {
			m := &r.Messages[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"content":`...)
			if raw := rawOf(&m.Content); raw == nil {
				b = append(b, "null"...) // json.RawMessage's MarshalJSON of nil
			} else if b, ok = appendCompactRaw(b, raw); !ok {
				return b, false
			}
			b = append(b, `,"role":`...)
			b = jsonscan.AppendString(b, string(m.Role), false)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if r.Metadata.UserID != "" {
		key(`"metadata":{"user_id":`)
		b = jsonscan.AppendString(b, r.Metadata.UserID, false)
		b = append(b, '}')
	}
	key(`"model":`)
	b = jsonscan.AppendString(b, r.Model, false)
	if oc := &r.OutputConfig; oc.Effort != nil || oc.Format.Schema != nil || oc.Format.Type != "" {
		viaJSON(`"output_config":`, oc)
	}
	if of := &r.OutputFormat; of.Schema != nil || of.Type != "" {
		viaJSON(`"output_format":`, of)
	}
	if r.ServiceTier != "" {
		key(`"service_tier":`)
		b = jsonscan.AppendString(b, string(r.ServiceTier), false)
	}
	if r.Speed != "" {
		key(`"speed":`)
		b = jsonscan.AppendString(b, string(r.Speed), false)
	}
	if len(r.StopSequences) > 0 {
		key(`"stop_sequences":[`)
		for i, s := range r.StopSequences {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonscan.AppendString(b, s, false)
		}
		b = append(b, ']')
	}
	if r.Stream {
		key(`"stream":true`)
	}
	union(`"system":`, rawOf(&r.System))
	if r.Temperature != nil && ok {
		key(`"temperature":`)
		b, ok = appendFloat(b, *r.Temperature)
	}
	union(`"thinking":`, rawOf(&r.Thinking))
	union(`"tool_choice":`, rawOf(&r.ToolChoice))
	if len(r.Tools) > 0 && ok {
		key(`"tools":[`)
		for i := range r.Tools {
			if i > 0 {
				b = append(b, ',')
			}
			if raw := rawOf(&r.Tools[i]); raw == nil {
				b = append(b, "null"...)
			} else if b, ok = appendCompactRaw(b, raw); !ok {
				return b, false
			}
		}
		b = append(b, ']')
	}
	if r.TopK != nil {
		key(`"top_k":`)
		b = strconv.AppendInt(b, *r.TopK, 10)
	}
	if r.TopP != nil && ok {
		key(`"top_p":`)
		b, ok = appendFloat(b, *r.TopP)
	}
	return append(b, '}'), ok
}

// rawUnion is the layout oapi-codegen gives every union (one unexported
// json.RawMessage); TestUnionLayout checks it for each union read here.
type rawUnion interface {
	gen.MessageContent | gen.SystemPrompt | gen.ThinkingConfig | gen.ToolChoice | gen.ToolUnion | gen.ContainerParam
}

// rawOf returns the JSON a union holds, nil for the zero union. The union
// keeps it unexported and MarshalJSON allocates "null" for a nil one, which
// the encoder must also tell apart from a union holding null (omitzero
// drops only the former), so it is read in place.
func rawOf[U rawUnion](u *U) json.RawMessage {
	return *(*json.RawMessage)(unsafe.Pointer(u))
}

// appendCompactRaw appends a union's JSON checked and compacted as
// encoding/json does a Marshaler's output; false when it is not JSON (an
// empty non-nil union included), so the caller lets encoding/json report it.
func appendCompactRaw(b []byte, raw []byte) ([]byte, bool) {
	out, err := jsonscan.AppendCompact(b, raw, false)
	return out, err == nil
}

// appendFloat writes f as encoding/json writes a float64 (the ES6 number
// form: 'e' below 1e-6 and from 1e21, its exponent without a leading zero);
// false for NaN and the infinities, which encoding/json refuses.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

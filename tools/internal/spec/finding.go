package spec

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Kind says whether a finding breaks the contract or only shows drift.
type Kind string

const (
	// Invalid means the traffic breaks the spec: a missing required field, a
	// wrong type, an unexpected status or content type, malformed JSON.
	Invalid Kind = "invalid"
	// Drift means the traffic carries something the spec does not describe yet:
	// an unknown property, an unknown enum value or an unknown union variant.
	Drift Kind = "drift"
)

// Rules reported in [Finding.Rule] beyond the JSON Schema keywords
// (required, type, enum, oneOf, format, minimum...) that openapi3 reports.
const (
	RuleUnknownProperty = "unknown-property"
	RuleUnknownEnum     = "unknown-enum"
	RuleUnknownVariant  = "unknown-variant"
	RuleJSON            = "json"
	RuleStatus          = "status"
	RuleContentType     = "content-type"
	RuleHeader          = "header"
	RuleEventName       = "event-name"
	RuleSSE             = "sse"
	RuleOperation       = "operation"
)

// Finding is one problem found in a request or response.
type Finding struct {
	// Kind is Invalid or Drift.
	Kind Kind `json:"kind"`
	// Where names the part of the exchange: "request", "response",
	// "response.header", "event[3]" (0-based SSE event) or "line[2]" (0-based
	// JSONL line).
	Where string `json:"where"`
	// Pointer is the RFC 6901 JSON pointer of the offending value inside that
	// part ("" for the whole document).
	Pointer string `json:"pointer"`
	// Rule is the rule that failed: a JSON Schema keyword such as "required"
	// or "type", or one of the Rule constants.
	Rule string `json:"rule"`
	// Message explains the problem in words.
	Message string `json:"message"`
}

// String formats the finding as "kind where pointer: rule: message".
func (f Finding) String() string {
	p := f.Pointer
	if p == "" {
		p = "/"
	}
	return fmt.Sprintf("%s %s %s: %s: %s", f.Kind, f.Where, p, f.Rule, f.Message)
}

// Findings is a list of findings with helpers.
type Findings []Finding

// Invalid returns the findings of kind Invalid.
func (fs Findings) Invalid() Findings { return fs.filter(Invalid) }

// Drift returns the findings of kind Drift.
func (fs Findings) Drift() Findings { return fs.filter(Drift) }

func (fs Findings) filter(k Kind) Findings {
	var out Findings
	for _, f := range fs {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// pointer joins path segments into an RFC 6901 JSON pointer.
func pointer(segs []string) string {
	if len(segs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		s = strings.ReplaceAll(s, "~", "~0")
		b.WriteString(strings.ReplaceAll(s, "/", "~1"))
	}
	return b.String()
}

// fromError turns a kin-openapi validation error into findings, descending
// into discriminated oneOf failures so the pointer names the deepest value
// that broke a rule. Enum and discriminator-value failures become drift.
func fromError(where string, err error) Findings {
	var out Findings
	collect(where, err, &out)
	return out
}

func collect(where string, err error, out *Findings) {
	switch e := err.(type) {
	case nil:
	case openapi3.MultiError:
		for _, x := range e {
			collect(where, x, out)
		}
	case *openapi3.SchemaError:
		collectSchema(where, e, out)
	case *openapi3filter.RequestError:
		if e.Err != nil {
			collect(where, e.Err, out)
			return
		}
		*out = append(*out, Finding{Kind: Invalid, Where: where, Rule: "request", Message: e.Reason})
	case *openapi3filter.ResponseError:
		if e.Err != nil {
			if !strings.Contains(e.Reason, "header") {
				collect(where, e.Err, out)
				return
			}
			var inner Findings
			collect(where+".header", e.Err, &inner)
			for _, f := range inner {
				f.Rule = RuleHeader + ":" + f.Rule
				f.Message = e.Reason + ": " + f.Message
				*out = append(*out, f)
			}
			return
		}
		rule := RuleStatus
		if strings.Contains(strings.ToLower(e.Reason), "content") {
			rule = RuleContentType
		}
		*out = append(*out, Finding{Kind: Invalid, Where: where, Rule: rule, Message: e.Reason})
	case *openapi3filter.ParseError:
		*out = append(*out, Finding{Kind: Invalid, Where: where, Rule: RuleJSON, Message: e.Error()})
	default:
		if inner := errors.Unwrap(err); inner != nil {
			collect(where, inner, out)
			return
		}
		*out = append(*out, Finding{Kind: Invalid, Where: where, Rule: "schema", Message: err.Error()})
	}
}

func collectSchema(where string, se *openapi3.SchemaError, out *Findings) {
	if se.SchemaField == "oneOf" && se.Origin != nil {
		// A discriminated oneOf tries exactly one variant: report that
		// variant's own errors, whose pointers go deeper.
		if inner := errors.Unwrap(se.Origin); inner != nil {
			if u, ok := inner.(interface{ Unwrap() error }); ok {
				if me, ok := u.Unwrap().(openapi3.MultiError); ok && len(me) == 1 {
					collect(where, me[0], out)
					return
				}
			}
		}
	}
	f := Finding{Kind: Invalid, Where: where, Pointer: pointer(se.JSONPointer()), Rule: se.SchemaField, Message: se.Reason}
	switch se.SchemaField {
	case "enum":
		f.Kind, f.Rule = Drift, RuleUnknownEnum
		f.Message = fmt.Sprintf("value %v is not listed in the spec's enum", se.Value)
	case "discriminator":
		if strings.Contains(se.Reason, "invalid value") {
			f.Kind, f.Rule = Drift, RuleUnknownVariant
			f.Message = fmt.Sprintf("union variant %v is not described by the spec", se.Value)
		}
	}
	*out = append(*out, f)
}

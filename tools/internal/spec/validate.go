package spec

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Media types the spec uses for bodies that are not one JSON document.
const (
	MediaJSON        = "application/json"
	MediaEventStream = "text/event-stream"
	MediaJSONL       = "application/x-jsonl"
)

func filterOptions(excludeBody bool) *openapi3filter.Options {
	return &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		ExcludeResponseBody:   excludeBody,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
}

func (op *Operation) input(header http.Header) *openapi3filter.RequestValidationInput {
	req := &http.Request{Method: op.Method, URL: &url.URL{Path: op.Path}, Header: header}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	return &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: op.PathParams,
		Route:      op.route,
		Options:    filterOptions(false),
	}
}

// ValidateRequest checks a JSON request body against the operation's request
// body schema (openapi3filter) and reports drift. An empty body is checked
// only for operations that require one.
func (s *Spec) ValidateRequest(method, path string, body []byte) Findings {
	op, err := s.FindOperation(method, path)
	if err != nil {
		return Findings{{Kind: Invalid, Where: "request", Rule: RuleOperation, Message: err.Error()}}
	}
	rb := op.Op.RequestBody
	if rb == nil || rb.Value == nil {
		// Some clients send "{}" to body-less POSTs such as batch cancel
		// (testdata/recorded/batch-cancel); the API ignores it.
		if t := bytes.TrimSpace(body); len(t) > 0 && !bytes.Equal(t, []byte("{}")) {
			return Findings{{Kind: Invalid, Where: "request", Rule: "requestBody", Message: op.Method + " " + op.Path + " takes no request body"}}
		}
		return nil
	}
	mt := rb.Value.Content.Get(MediaJSON)
	if mt == nil {
		// multipart uploads and other non-JSON bodies are not recorded.
		return nil
	}
	h := http.Header{}
	h.Set("Content-Type", MediaJSON)
	in := op.input(h)
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	in.Request.ContentLength = int64(len(body))
	var out Findings
	if err := openapi3filter.ValidateRequestBody(context.Background(), in, rb.Value); err != nil {
		out = append(out, fromError("request", err)...)
	}
	if v, ok := decodeJSON(body); ok {
		out = append(out, s.drift("request", mt.Schema, v, false)...)
	}
	return out
}

// ValidateResponse checks a response: the status against the operation's
// responses, the declared headers, and the body by its Content-Type: one JSON
// document, a text/event-stream of MessageStreamEvent payloads (see
// ValidateSSE) or JSON Lines (see ValidateJSONL), each with drift detection.
func (s *Spec) ValidateResponse(method, path string, status int, header http.Header, body []byte) Findings {
	op, err := s.FindOperation(method, path)
	if err != nil {
		return Findings{{Kind: Invalid, Where: "response", Rule: RuleOperation, Message: err.Error()}}
	}
	if header == nil {
		header = http.Header{}
	}
	ct := header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ct)
	resp := op.Op.Responses.Status(status)
	if resp == nil {
		resp = op.Op.Responses.Default()
	}
	if resp == nil || resp.Value == nil {
		return Findings{{Kind: Invalid, Where: "response", Rule: RuleStatus, Message: fmt.Sprintf("status %d is not described for %s %s", status, op.Method, op.Path)}}
	}
	var mt *openapi3.MediaType
	if media != "" {
		mt = resp.Value.Content.Get(media)
	}
	if mt == nil && len(bytes.TrimSpace(body)) > 0 {
		return Findings{{Kind: Invalid, Where: "response", Rule: RuleContentType, Message: fmt.Sprintf("content type %q is not described for status %d of %s %s", ct, status, op.Method, op.Path)}}
	}
	streamed := media == MediaEventStream
	lines := mt != nil && media == MediaJSONL
	binary := mt != nil && !streamed && !lines && media != MediaJSON // file content: bytes, not JSON
	var out Findings
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: op.input(nil),
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                filterOptions(streamed || lines || binary),
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		out = append(out, fromError("response", err)...)
	}
	switch {
	case mt == nil, binary:
	case streamed:
		out = append(out, s.validateSSE(mt.Schema, body)...)
	case lines:
		out = append(out, s.validateLines(mt.Schema, body)...)
	default:
		if v, ok := decodeJSON(body); ok {
			out = append(out, s.drift("response", mt.Schema, v, true)...)
		}
	}
	return out
}

// ValidateValue checks one JSON document against a named component schema
// (for example "Message" or "MessageStreamEvent") and reports drift. where
// labels the findings. Response components (additionalProperties true) are
// checked as responses.
func (s *Spec) ValidateValue(where, component string, data []byte) Findings {
	ref := s.Doc.Components.Schemas[component]
	if ref == nil {
		return Findings{{Kind: Invalid, Where: where, Rule: RuleOperation, Message: "no component schema " + strconv.Quote(component)}}
	}
	return s.validateDoc(where, ref, data)
}

func (s *Spec) validateDoc(where string, ref *openapi3.SchemaRef, data []byte) Findings {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return Findings{{Kind: Invalid, Where: where, Rule: RuleJSON, Message: err.Error()}}
	}
	var out Findings
	if err := ref.Value.VisitJSON(v, openapi3.MultiErrors()); err != nil {
		out = append(out, fromError(where, err)...)
	}
	return append(out, s.drift(where, ref, v, true)...)
}

func decodeJSON(data []byte) (any, bool) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, false
	}
	return v, true
}

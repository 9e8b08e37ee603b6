package apierror

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxBodyBytes caps how much of an error body is read and kept.
const MaxBodyBytes = 1 << 20

// Error is an error reported by the API: a non-2xx response, or an
// `event: error` that arrived in the middle of a stream. Match kinds with
// errors.Is against the sentinels (ErrOverloaded, ErrRateLimited...) and read
// details with errors.As.
type Error struct {
	// Op names the operation, such as "messages.create".
	Op string
	// StatusCode is the HTTP status; for a mid-stream error it is the stream's
	// status (200).
	StatusCode int
	// Type is the API's error type, such as "overloaded_error"; empty when the
	// body was not the API's JSON (an HTML page from a proxy, say).
	Type string
	// Message is the API's message, or a trimmed copy of a non-JSON body.
	Message string
	// RequestID is the request-id header (or the body's request_id).
	RequestID string
	// RetryAfter is the server's advised wait from retry-after-ms or
	// retry-after (seconds or an HTTP date); zero when absent.
	RetryAfter time.Duration
	// ShouldRetry is the x-should-retry header: nil when absent.
	ShouldRetry *bool
	// MidStream is true when the error arrived as an SSE error event after the
	// response had started.
	MidStream bool
	// Header is the response header.
	Header http.Header
	// Body is the raw response body (or the event's data), at most MaxBodyBytes.
	Body []byte
}

// Error formats as "claude: OP: STATUS TYPE: MESSAGE (request-id ID)".
func (e *Error) Error() string {
	if e.Op == "" {
		return "claude: " + e.detail()
	}
	return "claude: " + e.Op + ": " + e.detail()
}

// detail is the message without the "claude: OP: " prefix.
func (e *Error) detail() string {
	var b strings.Builder
	if e.MidStream {
		b.WriteString("mid-stream ")
	}
	if e.StatusCode != 0 {
		b.WriteString(strconv.Itoa(e.StatusCode))
		b.WriteByte(' ')
	}
	if e.Type != "" {
		b.WriteString(e.Type)
	} else {
		b.WriteString(http.StatusText(e.StatusCode))
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request-id ")
		b.WriteString(e.RequestID)
		b.WriteByte(')')
	}
	return b.String()
}

// Is reports whether target is the sentinel of this error's type or status.
func (e *Error) Is(target error) bool {
	if s := typeSentinel(e.Type); s != nil && s == target {
		return true
	}
	if e.MidStream {
		return false
	}
	s := statusSentinel(e.StatusCode)
	return s != nil && s == target
}

// Temporary is the former name of Retryable.
//
// Deprecated: use Retryable, or client.Retryable for any error.
func (e *Error) Temporary() bool { return e.Retryable() }

// RateLimit returns the typed rate-limit headers of the response.
func (e *Error) RateLimit() RateLimitInfo { return ParseRateLimit(e.Header) }

// wireError is the API's error body and error event.
type wireError struct {
	Type  string `json:"type"`
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

// FromResponse builds an *Error from a non-2xx response, reading at most
// MaxBodyBytes of its body and closing it. A body that is not the API's JSON
// (an HTML 502 page from a proxy) still yields an *Error with the status and a
// trimmed copy of the body as Message.
func FromResponse(op string, resp *http.Response) *Error {
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes))
	resp.Body.Close()
	e := &Error{
		Op:         op,
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		Body:       body,
		RequestID:  resp.Header.Get("request-id"),
		RetryAfter: ParseRetryAfter(resp.Header, time.Now()),
	}
	e.ShouldRetry = ShouldRetryHeader(resp.Header)
	var w wireError
	if json.Unmarshal(body, &w) == nil && w.Error.Type != "" {
		e.Type, e.Message = w.Error.Type, w.Error.Message
		if e.RequestID == "" {
			e.RequestID = w.RequestID
		}
		return e
	}
	e.Message = trimBody(body)
	if readErr != nil {
		e.Message = strings.TrimSpace(e.Message + " (reading body: " + readErr.Error() + ")")
	}
	return e
}

// FromEvent builds an *Error from the data of an SSE `event: error` that
// arrived mid-stream on a response with the given status and header.
func FromEvent(op string, status int, header http.Header, data []byte) *Error {
	e := &Error{
		Op:         op,
		StatusCode: status,
		MidStream:  true,
		Header:     header,
		Body:       append([]byte(nil), data[:min(len(data), MaxBodyBytes)]...),
		RequestID:  header.Get("request-id"),
	}
	var w wireError
	if err := json.Unmarshal(data, &w); err != nil || w.Error.Type == "" {
		e.Type = "api_error"
		e.Message = "malformed error event: " + trimBody(data)
		return e
	}
	e.Type, e.Message = w.Error.Type, w.Error.Message
	if w.RequestID != "" && e.RequestID == "" {
		e.RequestID = w.RequestID
	}
	return e
}

// trimBody returns at most 200 characters of a body with tags and runs of
// white space collapsed, for error messages.
func trimBody(body []byte) string {
	var b strings.Builder
	inTag, space := false, false
	for _, r := range string(bytes.TrimSpace(body)) {
		switch {
		case r == '<':
			inTag = true
			continue
		case r == '>' && inTag:
			inTag = false
			space = true
			continue
		case inTag:
			continue
		case r == ' ' || r == '\n' || r == '\r' || r == '\t':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		if b.Len() >= 200 {
			b.WriteString("...")
			break
		}
	}
	return b.String()
}

// ParseRetryAfter reads retry-after-ms, then retry-after (delta seconds or an
// HTTP date relative to now). It returns zero when neither is usable (NaN,
// infinities, negative values, past dates) and at most MaxRetryAfter, so a
// hostile value never overflows a time.Duration.
func ParseRetryAfter(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	return retryAfter(header(h, "Retry-After-Ms"), header(h, "Retry-After"), now)
}

// retryAfter is ParseRetryAfter of the two headers' values ("" when absent).
func retryAfter(ms, v string, now time.Time) time.Duration {
	if ms != "" {
		if ms, err := strconv.ParseFloat(ms, 64); err == nil {
			if d := clampWait(ms, time.Millisecond); d > 0 {
				return d
			}
		}
	}
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		return clampWait(s, time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return clampUntil(t, now)
	}
	return 0
}

// As is a convenience for errors.As with *Error.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

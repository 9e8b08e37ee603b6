package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"

	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/streaming"
)

// ErrorTypeOther is the OpenTelemetry conventions' fallback error.type: an
// error ErrorType has no better name for.
const ErrorTypeOther = "_OTHER"

// ErrorType names err's class, the one rule the logger (error_type) and the
// OpenTelemetry module (error.type) both use, so a dashboard and a log agree.
// The names form a small, documented set, safe as a metric attribute, in the
// order the OpenTelemetry GenAI conventions ask for:
//
//   - the API's error type when the server named one ("overloaded_error",
//     "rate_limit_error", "invalid_request_error", ...), for an error reply
//     and an error event mid-stream alike;
//   - the client's own kinds: "truncated", "idle_timeout", "malformed",
//     "event_too_large", "message_too_large" (a stream), "circuit_open",
//     "rate_limit_wait", "no_endpoint", "validation", "streaming_required",
//     "decode";
//   - a transport failure: "timeout" (a deadline or a network timeout),
//     "context_canceled", "connection_refused", "connection_reset",
//     "connection_closed" (the server hung up mid-reply), "dns_error",
//     "tls_error";
//   - the HTTP status of an error reply that named no type ("502");
//   - else ErrorTypeOther.
//
// It returns "" for nil.
func ErrorType(err error) string {
	if err == nil {
		return ""
	}
	ae, isAPI := apierror.As(err)
	if isAPI && ae.Type != "" {
		return ae.Type
	}
	for _, k := range errorKinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	if t := transportErrorType(err); t != "" {
		return t
	}
	if isAPI && ae.StatusCode != 0 {
		return strconv.Itoa(ae.StatusCode)
	}
	return ErrorTypeOther
}

// errorKinds are the client's failures with a name of their own, in the
// order they are tested (a retry error wrapping a truncation is a
// truncation).
var errorKinds = [...]struct {
	err  error
	name string
}{
	{streaming.ErrTruncated, "truncated"},
	{streaming.ErrIdleTimeout, "idle_timeout"},
	{streaming.ErrMalformedEvent, "malformed"},
	{streaming.ErrEventTooLarge, "event_too_large"},
	{streaming.ErrMessageTooLarge, "message_too_large"},
	{apierror.ErrCircuitOpen, "circuit_open"},
	{apierror.ErrRateLimitWait, "rate_limit_wait"},
	{apierror.ErrNoEndpoint, "no_endpoint"},
	{apierror.ErrValidation, "validation"},
	{apierror.ErrStreamingRequired, "streaming_required"},
	{apierror.ErrDecode, "decode"},
}

// transportErrorType names a failure below HTTP, or "" when err is none of
// them.
func transportErrorType(err error) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "context_canceled"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, apierror.ErrTimeout):
		return "timeout"
	case errors.As(err, &dnsErr):
		return "dns_error"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection_refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "connection_reset"
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &recErr):
		return "tls_error"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "connection_closed"
	}
	return ""
}

// maxErrorPeek bounds how much of an error reply the attempt stage reads to
// name its type; the API's error bodies are far smaller.
const maxErrorPeek = 64 << 10

// peekErrorType names an error reply's class for its attempt_end: the API's
// error type from its body, read (at most maxErrorPeek) and put back so the
// layers above read the reply whole; the status when the body names none.
// Only an observed call's error replies pay for it.
func peekErrorType(resp *http.Response) string {
	status := strconv.Itoa(resp.StatusCode)
	if resp.Body == nil || resp.Body == http.NoBody || streaming.IsEventStream(resp) {
		return status
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorPeek))
	resp.Body = &peekedBody{Reader: io.MultiReader(bytes.NewReader(head), resp.Body), Closer: resp.Body}
	if err != nil {
		return status
	}
	var w struct {
		Error struct {
			Type string `json:"type"`
		} `json:"error"`
	}
	if json.Unmarshal(head, &w) == nil && w.Error.Type != "" && len(w.Error.Type) <= 64 {
		return w.Error.Type
	}
	return status
}

// peekedBody is a body whose start was read and is replayed first.
type peekedBody struct {
	io.Reader
	io.Closer
}

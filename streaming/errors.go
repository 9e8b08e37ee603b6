package streaming

import (
	"errors"
	"fmt"
	"strings"

	"github.com/claudego/claude/client/apierror"
	"github.com/claudego/claude/internal/sse"
)

// Sentinels for errors.Is. The errors a Stream returns wrap them with details
// (the operation, the event's type and ordinal, a size).
var (
	// ErrTruncated: the body ended before message_stop.
	ErrTruncated = errors.New("claude: stream truncated before message_stop")
	// ErrMalformedEvent: an event's data is not the JSON its type requires.
	ErrMalformedEvent = errors.New("claude: malformed stream event")
	// ErrIdleTimeout: no bytes arrived for the configured idle timeout.
	ErrIdleTimeout = errors.New("claude: stream idle timeout")
	// ErrEventTooLarge: one event is larger than the configured maximum.
	ErrEventTooLarge = sse.ErrEventTooLarge
	// ErrMessageTooLarge: the accumulated message grew past
	// Config.MaxMessageSize (a stream that never ends).
	ErrMessageTooLarge = errors.New("claude: streamed message too large")
)

// op names the operation in a Stream's errors: a Stream reads a streamed
// Messages reply, whoever opened it.
const op = "messages.stream"

// opError prefixes an error with the operation, the way client errors read
// ("claude: messages.stream: stream truncated ..."), keeping it matchable
// with errors.Is and errors.As.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string {
	return "claude: " + e.op + ": " + strings.TrimPrefix(e.err.Error(), "claude: ")
}

func (e *opError) Unwrap() error { return e.err }

// wrap prefixes err with the operation. API errors carry their own Op and
// are returned as they are, so errors.As finds them directly.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var oe *opError
	if errors.As(err, &oe) {
		return err
	}
	if _, ok := err.(*apierror.Error); ok {
		return err
	}
	return &opError{op: op, err: err}
}

// malformed describes a bad event: its type and its ordinal (1-based) in the
// stream.
func malformed(typ string, ordinal int, detail error) error {
	if typ == "" {
		typ = "untyped"
	}
	return fmt.Errorf("%w: event #%d (%s): %w", ErrMalformedEvent, ordinal, typ, detail)
}

package streaming

import (
	"errors"
	"fmt"

	"github.com/claudego/claude/internal/apierror"
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

// wrap names the operation once, with the one wrapper every layer uses
// (apierror.Wrap): "claude: messages.stream: stream truncated ...", still
// matchable with errors.Is and errors.As. API errors carry their own Op and
// are returned as they are, so errors.As finds them directly.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	return apierror.Wrap(op, err)
}

// malformed describes a bad event: its type and its ordinal (1-based) in the
// stream.
func malformed(typ string, ordinal int, detail error) error {
	if typ == "" {
		typ = "untyped"
	}
	return fmt.Errorf("%w: event #%d (%s): %w", ErrMalformedEvent, ordinal, typ, detail)
}

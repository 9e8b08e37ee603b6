// Package streaming reads a streamed Messages response (server-sent events)
// and turns it into typed events and the final Message.
//
// A Stream frames the body as server-sent events, decodes each data payload
// by its type into the generated event types (package gen), and accumulates
// the events into a *types.Message that equals the non-streamed reply: the
// same content blocks (text, thinking, signatures, citations, tool input
// parsed at content_block_stop), usage merged as the API documents, and every
// field and block of a type this version does not know kept as raw JSON.
//
// Most users get a Stream from client.Messages.Stream; New streams any
// *http.Response, which tests and tools use directly:
//
//	s := streaming.New(resp, streaming.Config{})
//	defer s.Close()
//	for text, err := range s.Text() {
//		if err != nil {
//			return err
//		}
//		fmt.Print(text)
//	}
//	msg := s.Message()
//
// Errors: an `event: error` mid-stream is a *apierror.Error (client.APIError)
// with MidStream set; a body that ends before message_stop is ErrTruncated;
// a data payload that is not JSON is ErrMalformedEvent; no bytes for the idle
// timeout is ErrIdleTimeout; an event larger than the limit is
// ErrEventTooLarge. In every error case Message returns what arrived so far
// with Incomplete set.
//
// How a stream ended is one Verdict (an Outcome: completed, error event,
// truncated, idle timeout, malformed, canceled or abandoned), decided once by
// the Stream and reported to its Observer. The layers below a Stream (the
// retry layer's prelude, the circuit breaker, the rate limiter's usage) hear
// the same verdict through Watch and Prelude instead of reading the bytes
// their own way; see ARCHITECTURE.md (the stream's data flow, and rule 9, "One home per job").
//
// Bounds: an event over Config.MaxEventSize, a message over
// Config.MaxMessageSize, an object of more than a few thousand members, and
// (with Config.IdleTimeout or BoundIdle) a silent server each end the stream
// with a clear error instead of growing memory or waiting without limit.
//
// The framing (internal/sse) follows the server-sent events rules in a
// single pass over a reused buffer; it is the module's only SSE reader.
package streaming

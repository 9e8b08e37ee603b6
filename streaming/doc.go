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
// The framing follows the server-sent events rules (LF, CRLF and bare CR line
// ends, one optional space after the colon, data lines joined with "\n",
// comments, ignored id and retry fields, a leading byte order mark) in a
// single pass over a reused buffer. It replaces the framing of
// github.com/r3labs/sse/v2, whose EventStreamReader rescans the buffered
// bytes for five terminator patterns per event and cannot report the size of
// an oversized event; the benchmarks in framer_bench_test.go compare the two.
package streaming

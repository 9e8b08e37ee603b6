package client

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/streaming"
)

// Stream sends a Message request with "stream": true and returns the reply as
// it is generated: iterate with Next/Event (or All, or Text for the text
// alone), then read the complete reply with Message.
//
// API: POST /v1/messages
//
// The request is validated as Create validates it, and goes through the same
// pipeline; a non-2xx response is the same *APIError Create returns, before
// any event. Once streaming, an `event: error` is an *APIError with MidStream
// set (errors.Is(err, ErrOverloaded) for overloaded_error), and the other
// failures wrap ErrTruncated, ErrMalformedEvent, ErrIdleTimeout
// (WithStreamIdleTimeout), ErrEventTooLarge (WithMaxEventSize, default 32
// MiB) or ErrMessageTooLarge (WithMaxStreamMessageSize, default 64 MiB).
// Stream.Verdict says how the stream ended, as the reliability layers read
// it. WithTimeout bounds the whole stream. Cancelling ctx, Stream.Cancel or
// Stream.Close end the request and release the connection. The caller must
// drain or Close the stream.
func (s *MessagesService) Stream(ctx context.Context, req MessageRequest, opts ...Option) (*streaming.Stream, error) {
	const op = "messages.stream"
	cfg, body, err := s.prepare(ctx, &req, true, opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	ctx, sent := cfg.withMessageSend(ctx, &req)
	ctx, sc := cfg.startCall(ctx, op, messageMeta(cfg, &req, true))
	ctx, cancel := context.WithCancel(ctx)
	resp, timeoutCancel, err := s.client.send(ctx, op, cfg, createBuilder(body, sent))
	if err != nil {
		cancel()
		sc.end(Event{Err: err})
		return nil, err
	}
	// The idle timeout is already on the body (idleBound); the Stream
	// watches the request's context through resp.Request, and releases it
	// when it ends.
	end := func(streaming.Verdict) {
		timeoutCancel()
		cancel()
	}
	var first func()
	var st *atomic.Pointer[streaming.Stream]
	if sc != nil {
		if sc.content {
			st = new(atomic.Pointer[streaming.Stream])
		}
		first, end = streamEvents(sc, resp, st, end)
	}
	s2 := streaming.New(resp, streaming.Config{
		MaxEventSize:   cfg.maxEventSize,
		MaxMessageSize: cfg.maxStreamMessage,
		Observer:       streaming.Observer{FirstContent: first, End: end},
		Describe:       sc != nil,
	})
	if st != nil {
		st.Store(s2)
	}
	return s2, nil
}

// streamEvents returns the stream observer funcs of an observed call: the
// first content becomes stream_first_content, and the verdict (whatever
// it is) stream_end then call_end, before release frees the call. The
// stream's own verdict is their source (ARCHITECTURE.md, rule 9). When a
// ContentObserver wants the reply, st holds the Stream, and a completed
// stream's stream_end carries its Message: the accumulator's, built once
// more on the reading goroutine (the one a completed verdict is decided
// on), never a buffered body.
func streamEvents(sc *callScope, resp *http.Response, st *atomic.Pointer[streaming.Stream], release func(streaming.Verdict)) (func(), func(streaming.Verdict)) {
	reqID := requestID(resp.Header)
	first := func() {
		sc.emit(Event{Kind: EventStreamFirstContent, RequestID: reqID, Duration: sc.since()})
	}
	end := func(v streaming.Verdict) {
		e := Event{Kind: EventStreamEnd, Status: resp.StatusCode, RequestID: reqID, Err: v.Err, Duration: sc.since(), Usage: v.Usage,
			Verdict: v, StopReason: v.StopReason, ResponseModel: v.Model, ResponseID: v.MessageID, ErrorType: ErrorType(v.Err)}
		if st != nil && v.Outcome == streaming.OutcomeCompleted {
			if s := st.Load(); s != nil {
				e.Message = s.Message()
			}
		}
		sc.emit(e)
		sc.end(e)
		release(v)
	}
	return first, end
}

// idleBound puts the stream idle timeout around the body of every streamed
// reply as the transport returns it, below the reliability layers, so every
// read of the body is bounded: the prelude the retry layer reads as well as
// the Stream's.
func idleBound(next http.RoundTripper, d time.Duration) http.RoundTripper {
	if d <= 0 {
		return next
	}
	return RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := next.RoundTrip(req)
		if err == nil && streaming.IsEventStream(resp) {
			resp.Body = streaming.BoundIdle(resp.Body, d)
		}
		return resp, err
	})
}

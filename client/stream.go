package client

import (
	"context"

	"github.com/claudego/claude/client/apierror"
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
// failures wrap streaming.ErrTruncated, streaming.ErrMalformedEvent,
// streaming.ErrIdleTimeout (WithStreamIdleTimeout) or
// streaming.ErrEventTooLarge (WithMaxEventSize, default 32 MiB). WithTimeout
// bounds the whole stream. Cancelling ctx, Stream.Cancel or Stream.Close end
// the request and release the connection. The caller must drain or Close the
// stream.
func (s *MessagesService) Stream(ctx context.Context, req MessageRequest, opts ...Option) (*streaming.Stream, error) {
	const op = "messages.stream"
	cfg, body, err := s.prepare(ctx, &req, true, opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	resp, timeoutCancel, err := s.client.send(ctx, op, cfg, createBuilder(body))
	if err != nil {
		cancel()
		return nil, err
	}
	return streaming.New(resp, streaming.Config{
		Op:           op,
		MaxEventSize: cfg.maxEventSize,
		IdleTimeout:  cfg.streamIdleTimeout,
		Context:      ctx,
		Cancel: func() {
			timeoutCancel()
			cancel()
		},
	}), nil
}

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
)

// MessagesService sends conversations to the model: Create, CountTokens and
// Stream.
type MessagesService service

// maxNonStreamingDuration is the API's documented bound for a non-streaming
// request; expectedDuration estimates it as 1 h x max_tokens / 128,000.
const maxNonStreamingDuration = 10 * time.Minute

func expectedDuration(maxTokens int64) time.Duration {
	return time.Duration(float64(time.Hour) * float64(maxTokens) / 128000)
}

// Create sends a Message request and returns the reply.
//
// API: POST /v1/messages
//
// The request is validated first (a *ValidationError naming the field, nothing
// sent) unless WithoutValidation is set. A request whose max_tokens implies
// more than ten minutes of generation returns ErrStreamingRequired before any
// I/O unless the call has a timeout (WithTimeout or a context deadline): use
// Stream for those. API failures are *APIError.
func (s *MessagesService) Create(ctx context.Context, req MessageRequest, opts ...Option) (*Message, error) {
	const op = "messages.create"
	cfg, body, err := s.prepare(ctx, &req, false, opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	ctx, sent := cfg.withMessageSend(ctx, &req)
	msg, err := doJSONMeta[Message](ctx, s.client, op, cfg, createBuilder(body, sent), messageMeta(cfg, &req, false))
	sent.replied(msg) // the layers' OnReply hooks
	return msg, err
}

// messageMeta is what observers hear of a Messages request: its model and
// the params. req is the method's own copy (the argument, already on the
// heap), so handing it on costs nothing.
func messageMeta(cfg *config, req *MessageRequest, stream bool) callMeta {
	if !cfg.observed() {
		return callMeta{}
	}
	return callMeta{model: req.Model, stream: stream, params: req}
}

// prepare is what Create and Stream share before any I/O: the call's
// options, validation, the long-request guard (non-streaming only), and the
// encoded body with "stream" set as the method requires.
func (s *MessagesService) prepare(ctx context.Context, req *MessageRequest, stream bool, opts []Option) (*config, *bytes.Reader, error) {
	if ctx == nil {
		return nil, nil, errors.New("nil context")
	}
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, nil, err
	}
	if !cfg.skipValidation {
		if err := ValidateMessageRequest(req); err != nil {
			return nil, nil, err
		}
	}
	if _, hasDeadline := ctx.Deadline(); !stream && !hasDeadline && cfg.timeout == 0 && expectedDuration(req.MaxTokens) > maxNonStreamingDuration {
		return nil, nil, fmt.Errorf("%w: max_tokens %d may take more than %v to generate, longer than a connection is kept open without data; "+
			"use Messages.Stream, or set a timeout (WithTimeout or a context deadline) to send it anyway", ErrStreamingRequired, req.MaxTokens, maxNonStreamingDuration)
	}
	req.Stream = stream
	body, err := encodeMessageRequest(req)
	if err != nil {
		return nil, nil, err
	}
	return cfg, body, nil
}

// createBuilder builds POST /v1/messages with an encoded body, recording
// the Body it made in m (nil: no layer reads it; see RequestInfoOf). The
// generated builder parses the server URL and resolves the path against it
// on every call (two URL parses before http.NewRequest's own, on the path
// to every stream's first event); the URL it produced for the last server
// is kept, and a request to the same server is that URL with the same
// method and header (TestCreateBuilderMatchesGenerated).
func createBuilder(body *bytes.Reader, m *messageSend) builder {
	return func(server string) (*http.Request, error) {
		req, err := newCreateRequest(server, body)
		if err == nil && m != nil {
			m.body = req.Body
		}
		return req, err
	}
}

func newCreateRequest(server string, body *bytes.Reader) (*http.Request, error) {
	if u, ok := messagesURL.lookup(server); ok {
		req, err := http.NewRequest(http.MethodPost, u, body)
		if err != nil {
			return nil, err
		}
		req.Header["Content-Type"] = []string{"application/json"}
		return req, nil
	}
	req, err := gen.NewCreateMessageRequestWithBody(server, nil, "application/json", body)
	if err == nil {
		messagesURL.store(server, req.URL.String())
	}
	return req, err
}

// messagesURL is the URL of POST /v1/messages for the server last used.
var messagesURL urlCache

// urlCache holds one server's resolved operation URL: bounded whatever the
// number of servers, and right for the common case of one.
type urlCache struct{ last atomic.Pointer[[2]string] }

func (c *urlCache) lookup(server string) (string, bool) {
	if p := c.last.Load(); p != nil && p[0] == server {
		return p[1], true
	}
	return "", false
}

func (c *urlCache) store(server, u string) { c.last.Store(&[2]string{server, u}) }

// CountTokens returns how many input tokens the request would use, without
// creating a message.
//
// API: POST /v1/messages/count_tokens
func (s *MessagesService) CountTokens(ctx context.Context, req CountTokensRequest, opts ...Option) (*MessageTokensCount, error) {
	const op = "messages.count_tokens"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if !cfg.skipValidation {
		if err := ValidateCountTokensRequest(&req); err != nil {
			return nil, apierror.Wrap(op, err)
		}
	}
	body, err := encodeCountTokensRequest(&req)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	var m callMeta
	if cfg.observed() {
		m = callMeta{model: req.Model, params: &req}
	}
	return doJSONMeta[MessageTokensCount](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewCountMessageTokensRequestWithBody(server, nil, "application/json", body)
	}, m)
}

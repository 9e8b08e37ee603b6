package client

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
)

// CreateEncoded submits a batch whose create body the caller has already
// encoded: the JSON of a BatchCreateRequest ({"requests":[...]}), read from
// body, which may sit in memory (bytes.NewReader) or in a file
// (io.NewSectionReader over an *os.File), so a 256 MB batch needs no 256 MB
// of Go values. It is what Create sends, without Create's encoding: bulk
// senders (extensions/batch) encode each request once as they read it,
// measure it from its bytes and spool it.
//
// API: POST /v1/messages/batches
//
// The body is sent as it is, with its size as Content-Length, and read again
// from offset 0 for each attempt, so the retry layer can replay it; body must
// not change until CreateEncoded returns. Only its size is checked here (1 to
// MaxBatchBytes bytes, else a *ValidationError and nothing sent): validate
// each request first with ValidateBatchRequestItem, as Create does. API
// failures are *APIError.
func (s *BatchesService) CreateEncoded(ctx context.Context, body *io.SectionReader, opts ...Option) (*MessageBatch, error) {
	const op = "batches.create"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if body == nil {
		return nil, apierror.Wrap(op, &ValidationError{Field: "body", Reason: "must not be nil"})
	}
	size := body.Size()
	if size <= 0 || size > MaxBatchBytes {
		return nil, apierror.Wrap(op, &ValidationError{Field: "requests", Reason: fmt.Sprintf("encode to %d bytes, outside 1..%d", size, MaxBatchBytes)})
	}
	// Each attempt reads its own section, from 0: a section keeps its own
	// offset, so a retried attempt never continues where a failed one stopped.
	open := func() io.ReadCloser { return io.NopCloser(io.NewSectionReader(body, 0, size)) }
	return doJSON[MessageBatch](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		req, err := gen.NewCreateMessageBatchRequestWithBody(server, nil, "application/json", open())
		if err != nil {
			return nil, err
		}
		req.ContentLength = size
		req.GetBody = func() (io.ReadCloser, error) { return open(), nil }
		return req, nil
	})
}

package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
)

// BatchesService runs Message Batches: many Messages requests processed
// asynchronously at half price, results within 24 hours. For workloads larger
// than one batch, see package extensions/batch.
type BatchesService service

// The API's documented limits for one batch.
const (
	// MaxBatchRequests is the most requests one batch may hold.
	MaxBatchRequests = 100_000
	// MaxBatchBytes is the largest request body of one batch create: 256 MB.
	MaxBatchBytes = 256_000_000
	// maxCustomIDLen is the longest custom_id.
	maxCustomIDLen = 64
)

// ValidateBatchRequest checks a batch create request the way Create does
// before sending it: at least one and at most MaxBatchRequests requests, each
// custom_id matching ^[a-zA-Z0-9_-]{1,64}$ and unique in the batch, and each
// params passing ValidateMessageRequest with its field path prefixed
// ("requests[3].params.messages[0].content"). The byte limit is checked by
// Create on the encoded body. Failures are *ValidationError, several joined
// with errors.Join.
func ValidateBatchRequest(r *BatchCreateRequest) error {
	var v validator
	switch n := len(r.Requests); {
	case n == 0:
		v.add("requests", "must contain at least one request")
	case n > MaxBatchRequests: // the batch cannot be sent: say so without checking every item
		v.add("requests", "holds %d requests, over the limit of %d", n, MaxBatchRequests)
		return v.err()
	}
	seen := make(map[string]int, len(r.Requests))
	for i := range r.Requests {
		item := &r.Requests[i]
		if err := ValidateBatchRequestItem(i, item); err != nil {
			v.errs = append(v.errs, err)
		}
		if j, dup := seen[item.CustomID]; dup && item.CustomID != "" {
			v.add(fmt.Sprintf("requests[%d].custom_id", i), "%q repeats requests[%d].custom_id; custom_id must be unique in a batch", item.CustomID, j)
		} else {
			seen[item.CustomID] = i
		}
	}
	return v.err()
}

// ValidateBatchRequestItem checks one request of a batch, at position index:
// its custom_id pattern and its params (ValidateMessageRequest, field paths
// prefixed "requests[index].params."). Uniqueness needs the whole batch; see
// ValidateBatchRequest.
func ValidateBatchRequestItem(index int, item *BatchRequestItem) error {
	var v validator
	prefix := func() string { return "requests[" + strconv.Itoa(index) + "]" } // built only on failure
	if !ValidCustomID(item.CustomID) {
		v.add(prefix()+".custom_id", "must match ^[a-zA-Z0-9_-]{1,64}$, got %q", item.CustomID)
	}
	if err := ValidateMessageRequest(&item.Params); err != nil {
		v.errs = append(v.errs, prefixFields(prefix()+".params.", err)...)
	}
	return v.err()
}

// ValidCustomID reports whether id matches ^[a-zA-Z0-9_-]{1,64}$.
func ValidCustomID(id string) bool {
	if len(id) == 0 || len(id) > maxCustomIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// prefixFields returns err's validation errors with prefix added to each
// field path; other errors are kept as they are.
func prefixFields(prefix string, err error) []error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	out := make([]error, 0, len(list))
	for _, e := range list {
		var ve *ValidationError
		if errors.As(e, &ve) {
			out = append(out, &ValidationError{Field: prefix + ve.Field, Reason: ve.Reason})
			continue
		}
		out = append(out, e)
	}
	return out
}

// Create submits a batch and returns it, processing_status in_progress.
//
// API: POST /v1/messages/batches
//
// The request is validated first (ValidateBatchRequest, then the encoded body
// against MaxBatchBytes): a *ValidationError, nothing sent. WithoutValidation
// skips the per-request checks but not the size limits. API failures are
// *APIError. CreateEncoded sends a body encoded beforehand (from a file, for
// a batch too large to hold as Go values).
func (s *BatchesService) Create(ctx context.Context, req BatchCreateRequest, opts ...Option) (*MessageBatch, error) {
	const op = "batches.create"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if !cfg.skipValidation {
		if err := ValidateBatchRequest(&req); err != nil {
			return nil, apierror.Wrap(op, err)
		}
	} else if len(req.Requests) > MaxBatchRequests {
		return nil, apierror.Wrap(op, &ValidationError{Field: "requests", Reason: fmt.Sprintf("holds %d requests, over the limit of %d", len(req.Requests), MaxBatchRequests)})
	}
	body, err := encodeJSON(&req)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if n := body.Size(); n > MaxBatchBytes {
		return nil, apierror.Wrap(op, &ValidationError{Field: "requests", Reason: fmt.Sprintf("encode to %d bytes, over the limit of %d", n, MaxBatchBytes)})
	}
	return doJSON[MessageBatch](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewCreateMessageBatchRequestWithBody(server, nil, "application/json", body)
	})
}

// Get returns a batch's current state; poll it until ProcessingStatus is
// ended (the API sends a retry-after header while it is not).
//
// API: GET /v1/messages/batches/{message_batch_id}
func (s *BatchesService) Get(ctx context.Context, id string, opts ...Option) (*MessageBatch, error) {
	return batchCall[MessageBatch](ctx, s, "batches.get", id, opts, func(server string) (*http.Request, error) {
		return gen.NewGetMessageBatchRequest(server, id, nil)
	})
}

// Cancel starts canceling a batch and returns it, processing_status
// canceling; it becomes ended once in-flight requests finish, and requests
// that never ran get canceled results.
//
// API: POST /v1/messages/batches/{message_batch_id}/cancel
func (s *BatchesService) Cancel(ctx context.Context, id string, opts ...Option) (*MessageBatch, error) {
	return batchCall[MessageBatch](ctx, s, "batches.cancel", id, opts, func(server string) (*http.Request, error) {
		return gen.NewCancelMessageBatchRequest(server, id, nil)
	})
}

// Delete deletes an ended batch and its results. A batch still processing
// must be canceled first (the API answers with an *APIError otherwise).
//
// API: DELETE /v1/messages/batches/{message_batch_id}
func (s *BatchesService) Delete(ctx context.Context, id string, opts ...Option) (*DeletedMessageBatch, error) {
	return batchCall[DeletedMessageBatch](ctx, s, "batches.delete", id, opts, func(server string) (*http.Request, error) {
		return gen.NewDeleteMessageBatchRequest(server, id, nil)
	})
}

func batchCall[T any](ctx context.Context, s *BatchesService, op, id string, opts []Option, build builder) (*T, error) {
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if id == "" {
		return nil, apierror.Wrap(op, &ValidationError{Field: "message_batch_id", Reason: "must not be empty"})
	}
	return doJSON[T](ctx, s.client, op, cfg, build)
}

// ListPage returns one page of batches, most recently created first.
//
// API: GET /v1/messages/batches
func (s *BatchesService) ListPage(ctx context.Context, params ListParams, opts ...Option) (*MessageBatchListResponse, error) {
	const op = "batches.list"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if err := params.validate(); err != nil {
		return nil, apierror.Wrap(op, err)
	}
	p := &gen.ListMessageBatchesParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit()}
	return doJSON[MessageBatchListResponse](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewListMessageBatchesRequest(server, p)
	})
}

// List iterates over every batch, fetching pages as the loop advances (see
// ModelsService.List for the paging rules). An error ends the iteration after
// being yielded once.
//
// API: GET /v1/messages/batches
func (s *BatchesService) List(ctx context.Context, params ListParams, opts ...Option) iter.Seq2[MessageBatch, error] {
	return paginate(ctx, params, func(ctx context.Context, p ListParams) ([]MessageBatch, bool, string, string, error) {
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

// ResultsParams says where a batch's results are read from and how.
type ResultsParams struct {
	// ResultsURL is the batch's results_url. When it is on the client's base
	// URL (same scheme and host) it is fetched as given; otherwise, or when
	// empty, the results endpoint of the batch ID is used, so credentials never
	// go to another host.
	ResultsURL string
	// MaxLineSize caps one result line; zero means DefaultMaxLineSize.
	MaxLineSize int
}

// ResultsParamsOf returns the ResultsParams that read b's results_url.
func ResultsParamsOf(b *MessageBatch) ResultsParams {
	if b == nil || b.ResultsURL == nil {
		return ResultsParams{}
	}
	return ResultsParams{ResultsURL: *b.ResultsURL}
}

// Results iterates over an ended batch's results, one JSON Lines line at a
// time: memory stays flat whatever the size of the results file. Results come
// in no particular order; match them to requests by CustomID. Each
// Result is a union (succeeded, errored, canceled, expired; newer types
// decode too) to read with Result.Discriminator and the As* methods.
//
// API: GET /v1/messages/batches/{message_batch_id}/results
//
// A batch that has not ended yields an *APIError matching ErrNotFound. A line
// over MaxLineSize or not valid JSON ends the iteration with a *JSONLError
// naming the line (ErrLineTooLong for the former). Breaking out of the loop or
// cancelling ctx closes the connection.
func (s *BatchesService) Results(ctx context.Context, id string, params ResultsParams, opts ...Option) iter.Seq2[MessageBatchIndividualResponse, error] {
	const op = "batches.results"
	return func(yield func(MessageBatchIndividualResponse, error) bool) {
		var zero MessageBatchIndividualResponse
		cfg, err := s.client.callConfig(append([]Option{withAccept("application/x-jsonl")}, opts...))
		if err != nil {
			yield(zero, apierror.Wrap(op, err))
			return
		}
		if id == "" {
			yield(zero, apierror.Wrap(op, &ValidationError{Field: "message_batch_id", Reason: "must not be empty"}))
			return
		}
		ctx, sc := cfg.startCall(ctx, op, callMeta{})
		resp, cancel, err := s.client.send(ctx, op, cfg, func(server string) (*http.Request, error) {
			if u := params.ResultsURL; u != "" && sameOrigin(u, server) {
				return http.NewRequest(http.MethodGet, u, nil)
			}
			return gen.NewGetMessageBatchResultsRequest(server, id, nil)
		})
		if err != nil {
			sc.end(Event{Err: err})
			yield(zero, err)
			return
		}
		defer cancel()
		defer resp.Body.Close()
		reqID := requestID(resp.Header)
		var readErr error
		defer func() { sc.end(Event{Status: resp.StatusCode, RequestID: reqID, Err: readErr}) }()
		for v, err := range ReadJSONL[MessageBatchIndividualResponse](resp.Body, params.MaxLineSize) {
			if err != nil {
				err = fmt.Errorf("batch %s (request-id %s): %w", id, reqID, err)
				readErr = apierror.Wrap(op, err)
				yield(zero, readErr)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// sameOrigin reports whether raw has the scheme, host and port of base and
// no userinfo (SameOrigin, the rule the redirect policy applies too).
func sameOrigin(raw, base string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	b, err := url.Parse(base)
	if err != nil {
		return false
	}
	return SameOrigin(b, u)
}

// withAccept sets the Accept header of one call, after the client's headers
// (which default it to application/json).
func withAccept(mime string) Option {
	return WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			r.Header.Set("Accept", mime)
			return next.RoundTrip(r)
		})
	})
}

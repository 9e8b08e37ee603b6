package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/internal/cancelbody"
)

// FilesBeta is the anthropic-beta name the Files API requires. Every
// FilesService call adds it to the call's betas.
const FilesBeta = "files-api-2025-04-14"

// FilesService uploads, lists, downloads and deletes files for use in later
// requests (file sources in documents and images, container uploads).
type FilesService service

// config returns the call's settings with the Files beta added.
func (s *FilesService) config(opts []Option) (*config, error) {
	return s.client.callConfig(append([]Option{WithBeta(FilesBeta)}, opts...))
}

// FileUploadParams is one file to upload.
type FileUploadParams struct {
	// Filename is the name the file is stored under; required.
	Filename string
	// ContentType is the file's MIME type; empty means the type of the
	// filename's extension, else application/octet-stream.
	ContentType string
	// Content is streamed into the request body, never held in memory
	// whole; required. A Content that can be read at offsets and has a known
	// size (*os.File on a regular file, bytes.Reader, strings.Reader: an
	// io.ReaderAt and io.Seeker) is read from its current offset with ReadAt,
	// its position left unchanged, so the body can be sent again and a retry
	// layer may retry the upload. Any other reader is read once through a
	// pipe (sent chunked unless it has Len() int), so it is not retried.
	Content io.Reader
	// ExpiresInSeconds, when set, makes the file expire that long after the
	// upload: 3600 (one hour) to 7776000 (ninety days). Zero means it does
	// not expire.
	ExpiresInSeconds int64
}

// The API's bounds for FileUploadParams.ExpiresInSeconds.
const (
	minFileExpiry = 3600
	maxFileExpiry = 7_776_000
)

// Upload streams a file to the Files API and returns its metadata.
//
// API: POST /v1/files
//
// The multipart body is streamed (see FileUploadParams.Content): memory stays
// flat whatever the file size. Cancelling ctx ends the upload at once; a
// copying goroutine, used only for readers that cannot be read at offsets,
// ends by the time Upload returns, or, after a cancel, as soon as Content's
// pending Read returns. A missing Filename or Content is a
// *ValidationError; API failures are *APIError.
func (s *FilesService) Upload(ctx context.Context, params FileUploadParams, opts ...Option) (*FileMetadata, error) {
	const op = "files.upload"
	cfg, err := s.config(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if strings.TrimSpace(params.Filename) == "" {
		return nil, apierror.Wrap(op, &ValidationError{Field: "file.filename", Reason: "must not be empty"})
	}
	if params.Content == nil {
		return nil, apierror.Wrap(op, &ValidationError{Field: "file", Reason: "content must not be nil"})
	}
	var fields []formField
	if n := params.ExpiresInSeconds; n != 0 {
		if n < minFileExpiry || n > maxFileExpiry {
			return nil, apierror.Wrap(op, &ValidationError{Field: "expires_in_seconds", Reason: fmt.Sprintf("must be between %d and %d, got %d", minFileExpiry, maxFileExpiry, n)})
		}
		fields = append(fields, formField{"expires_in_seconds", strconv.FormatInt(n, 10)})
	}
	body, err := buildMultipart(fields, []formFile{{field: "file", filename: params.Filename, contentType: params.ContentType, content: params.Content}})
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	return sendMultipart[FileMetadata](ctx, s.client, op, cfg, body, func(server, contentType string, r io.Reader) (*http.Request, error) {
		return gen.NewUploadFileRequestWithBody(server, nil, contentType, r)
	})
}

// Get returns a file's metadata.
//
// API: GET /v1/files/{file_id}
func (s *FilesService) Get(ctx context.Context, id string, opts ...Option) (*FileMetadata, error) {
	return fileCall[FileMetadata](ctx, s, "files.get", id, opts, func(server string) (*http.Request, error) {
		return gen.NewGetFileMetadataRequest(server, id, nil)
	})
}

// Delete deletes a file.
//
// API: DELETE /v1/files/{file_id}
func (s *FilesService) Delete(ctx context.Context, id string, opts ...Option) (*DeletedFile, error) {
	return fileCall[DeletedFile](ctx, s, "files.delete", id, opts, func(server string) (*http.Request, error) {
		return gen.NewDeleteFileRequest(server, id, nil)
	})
}

func fileCall[T any](ctx context.Context, s *FilesService, op, id string, opts []Option, build builder) (*T, error) {
	cfg, err := s.config(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if id == "" {
		return nil, apierror.Wrap(op, &ValidationError{Field: "file_id", Reason: "must not be empty"})
	}
	return doJSON[T](ctx, s.client, op, cfg, build)
}

// Download returns a file's bytes as a stream; the caller must Close it,
// which also releases the connection. Only files the API created
// (Downloadable) can be downloaded; others yield an *APIError. Cancelling ctx
// ends the stream with ctx's error.
//
// API: GET /v1/files/{file_id}/content
func (s *FilesService) Download(ctx context.Context, id string, opts ...Option) (io.ReadCloser, error) {
	const op = "files.download"
	cfg, err := s.config(append([]Option{withAccept("*/*")}, opts...))
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if id == "" {
		return nil, apierror.Wrap(op, &ValidationError{Field: "file_id", Reason: "must not be empty"})
	}
	ctx, sc := cfg.startCall(ctx, op, callMeta{})
	resp, cancel, err := s.client.send(ctx, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewDownloadFileRequest(server, id, nil)
	})
	if err != nil {
		sc.end(Event{Err: err})
		return nil, err
	}
	if sc != nil { // the call ends when the caller closes the body
		release := cancel
		cancel = func() {
			release()
			sc.end(Event{Status: resp.StatusCode, RequestID: requestID(resp.Header), ResponseBytes: resp.ContentLength})
		}
	}
	return cancelbody.Wrap(resp.Body, cancel), nil // Close also ends the call's timeout
}

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"

	"github.com/claudego/claude/client/apierror"
	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/cancelbody"
)

// FilesBeta is the anthropic-beta name the Files API requires. Every
// FilesService call adds it to the call's betas.
const FilesBeta = "files-api-2025-04-14"

// FilesService uploads, lists, downloads and deletes files for use in later
// requests (file sources in documents and images, container uploads).
type FilesService service

func init() {
	serviceInits = append(serviceInits, func(c *Client, s *service) { c.Files = (*FilesService)(s) })
}

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
}

// Upload streams a file to the Files API and returns its metadata.
//
// API: POST /v1/files
//
// The multipart body is streamed: one goroutine writes the part header,
// Content and the closing boundary into an io.Pipe the request reads, so
// memory stays flat whatever the file size. Cancelling ctx ends the upload at
// once; the goroutine ends by the time Upload returns, or, after a cancel, as
// soon as Content's pending Read returns. A missing Filename or Content is a
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
	ctype := params.ContentType
	if ctype == "" {
		ctype = mime.TypeByExtension(filepath.Ext(params.Filename))
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	var frame bytes.Buffer
	mw := multipart.NewWriter(&frame)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quoteEscaper.Replace(params.Filename)))
	h.Set("Content-Type", ctype)
	if _, err := mw.CreatePart(h); err != nil {
		return nil, apierror.Wrap(op, err)
	}
	split := frame.Len()
	if err := mw.Close(); err != nil {
		return nil, apierror.Wrap(op, err)
	}
	prefix, suffix := frame.Bytes()[:split], frame.Bytes()[split:]
	if section := sectionOf(params.Content); section != nil {
		return s.uploadReplayable(ctx, op, cfg, mw.FormDataContentType(), prefix, section, suffix)
	}
	size := sizeOf(params.Content)

	// The body is a pipe fed by one goroutine: the multipart frame around
	// Content, copied in 32 KiB steps, never the whole file in memory.
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, err := pw.Write(prefix)
		if err == nil {
			_, err = io.Copy(pw, params.Content)
		}
		if err == nil {
			_, err = pw.Write(suffix)
		}
		pw.CloseWithError(err) // nil: the reader sees EOF
	}()
	// The transport waits for its body read to return before giving up on a
	// cancelled request; closing the pipe on cancel makes that read return
	// even while Content's own Read is blocked.
	stop := context.AfterFunc(ctx, func() { pr.CloseWithError(context.Cause(ctx)) })
	defer stop()
	meta, err := doJSON[FileMetadata](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		req, err := gen.NewUploadFileRequestWithBody(server, nil, mw.FormDataContentType(), pr)
		if err != nil {
			return nil, err
		}
		if size >= 0 {
			req.ContentLength = int64(len(prefix)) + size + int64(len(suffix))
		}
		return req, nil
	})
	// Unblock the writer whatever happened (an early error response, a failed
	// build). It then ends at its next write; wait for that unless ctx is
	// done, when the caller's reader may itself be blocked: the goroutine
	// ends as soon as that Read returns.
	pr.CloseWithError(errUploadEnded)
	if ctx.Err() == nil {
		<-done
	}
	return meta, err
}

var errUploadEnded = errors.New("claude: files.upload: request ended")

// sectionOf returns the rest of r as a SectionReader when r can be read at
// offsets from its current position (files, bytes and strings readers), or
// nil.
func sectionOf(r io.Reader) *io.SectionReader {
	ra, ok := r.(io.ReaderAt)
	seeker, ok2 := r.(io.Seeker)
	if !ok || !ok2 {
		return nil
	}
	if f, isFile := r.(*os.File); isFile {
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			return nil
		}
	}
	pos, err := seeker.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil
	}
	end, err := seeker.Seek(0, io.SeekEnd)
	if err != nil {
		return nil
	}
	if _, err := seeker.Seek(pos, io.SeekStart); err != nil {
		return nil
	}
	return io.NewSectionReader(ra, pos, end-pos)
}

// uploadReplayable sends the multipart body as prefix, the content section
// and suffix read in place: no goroutine, a Content-Length, and a GetBody
// that rebuilds the same body, so retries and redirects can resend it.
func (s *FilesService) uploadReplayable(ctx context.Context, op string, cfg *config, contentType string, prefix []byte, section *io.SectionReader, suffix []byte) (*FileMetadata, error) {
	body := func() io.Reader {
		return io.MultiReader(bytes.NewReader(prefix), io.NewSectionReader(section, 0, section.Size()), bytes.NewReader(suffix))
	}
	return doJSON[FileMetadata](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		req, err := gen.NewUploadFileRequestWithBody(server, nil, contentType, body())
		if err != nil {
			return nil, err
		}
		req.ContentLength = int64(len(prefix)) + section.Size() + int64(len(suffix))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(body()), nil }
		return req, nil
	})
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

// sizeOf returns how many bytes r has left, or -1 when unknown.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		pos, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		return fi.Size() - pos
	}
	return -1
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

// ListPage returns one page of files, most recently created first.
//
// API: GET /v1/files
func (s *FilesService) ListPage(ctx context.Context, params ListParams, opts ...Option) (*FileListResponse, error) {
	const op = "files.list"
	cfg, err := s.config(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if err := params.validate(); err != nil {
		return nil, apierror.Wrap(op, err)
	}
	p := &gen.ListFilesParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit()}
	return doJSON[FileListResponse](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewListFilesRequest(server, p)
	})
}

// List iterates over every file, fetching pages as the loop advances (see
// ModelsService.List for the paging rules). An error ends the iteration after
// being yielded once.
//
// API: GET /v1/files
func (s *FilesService) List(ctx context.Context, params ListParams, opts ...Option) iter.Seq2[FileMetadata, error] {
	return paginate(ctx, params, func(ctx context.Context, p ListParams) ([]FileMetadata, bool, string, string, error) {
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
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
	resp, cancel, err := s.client.send(ctx, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewDownloadFileRequest(server, id, nil)
	})
	if err != nil {
		return nil, err
	}
	return cancelbody.Wrap(resp.Body, cancel), nil // Close also ends the call's timeout
}

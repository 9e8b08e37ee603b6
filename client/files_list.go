package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
)

// FileListParams filters and pages the file list. The API pages files two
// ways: by an opaque token (Page, the next_page of the previous page), and,
// for older callers, by IDs (the embedded ListParams' AfterID and BeforeID).
type FileListParams struct {
	ListParams
	// Page is the next_page token of the previous page; empty means the
	// first page. It cannot be combined with AfterID or BeforeID.
	Page string
	// IDs keeps only the files with these IDs, at most 100; the reply is
	// one page. It cannot be combined with paging (Page, AfterID,
	// BeforeID, Limit). IDs that resolve to no visible file are left out.
	IDs []string
}

// maxFileListIDs is the API's bound on FileListParams.IDs.
const maxFileListIDs = 100

func (p FileListParams) validate() error {
	if err := p.ListParams.validate(); err != nil {
		return err
	}
	if p.Page != "" && (p.AfterID != "" || p.BeforeID != "") {
		return &ValidationError{Field: "page", Reason: "cannot be combined with after_id or before_id"}
	}
	if len(p.IDs) == 0 {
		return nil
	}
	if len(p.IDs) > maxFileListIDs {
		return &ValidationError{Field: "ids", Reason: fmt.Sprintf("at most %d IDs, got %d", maxFileListIDs, len(p.IDs))}
	}
	if p.Page != "" || p.AfterID != "" || p.BeforeID != "" || p.Limit != 0 {
		return &ValidationError{Field: "ids", Reason: "cannot be combined with page, after_id, before_id or limit (the reply is one page)"}
	}
	for i, id := range p.IDs {
		if id == "" {
			return &ValidationError{Field: fmt.Sprintf("ids[%d]", i), Reason: "must not be empty"}
		}
	}
	return nil
}

// ListPage returns one page of files, most recently created first.
//
// API: GET /v1/files
func (s *FilesService) ListPage(ctx context.Context, params FileListParams, opts ...Option) (*FileListResponse, error) {
	const op = "files.list"
	cfg, err := s.config(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if err := params.validate(); err != nil {
		return nil, apierror.Wrap(op, err)
	}
	p := &gen.ListFilesParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit(),
		Page: nonZero(params.Page), Ids: slicePtr(params.IDs)}
	return doJSON[FileListResponse](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewListFilesRequest(server, p)
	})
}

// List iterates over every file, fetching pages as the loop advances. It
// follows a page's next_page token when the API sends one, and otherwise its
// last_id (or its first_id, when the caller started with only BeforeID; see
// ModelsService.List). With IDs set, the one page is the whole list. An
// error ends the iteration after being yielded once; a cursor the server
// repeats ends it with ErrCursorRepeated; breaking out of the loop stops
// fetching.
//
// API: GET /v1/files
func (s *FilesService) List(ctx context.Context, params FileListParams, opts ...Option) iter.Seq2[FileMetadata, error] {
	return func(yield func(FileMetadata, error) bool) {
		p := params
		backward := p.BeforeID != "" && p.AfterID == "" && p.Page == ""
		seen := map[string]bool{p.Page: true, p.AfterID: true, p.BeforeID: true}
		for {
			page, err := s.ListPage(ctx, p, opts...)
			if err != nil {
				yield(FileMetadata{}, err)
				return
			}
			for _, f := range page.Data {
				if !yield(f, nil) {
					return
				}
			}
			if len(p.IDs) > 0 || len(page.Data) == 0 {
				return
			}
			var next string
			switch {
			case page.NextPage != "":
				next = page.NextPage
				p.Page, p.AfterID, p.BeforeID = next, "", ""
			case !page.HasMore:
				return
			case backward:
				next = page.FirstID
				p.BeforeID = next
			default:
				next = page.LastID
				p.AfterID = next
			}
			if next == "" {
				return // has_more without a cursor: stop rather than loop forever
			}
			if seen[next] {
				yield(FileMetadata{}, fmt.Errorf("%w: the server repeated cursor %q", ErrCursorRepeated, next))
				return
			}
			seen[next] = true
		}
	}
}

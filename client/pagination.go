package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// pageFunc fetches one page: its items, whether more follow, and its first and
// last IDs (the cursors for the previous and next page).
type pageFunc[T any] func(ctx context.Context, p ListParams) (items []T, hasMore bool, firstID, lastID string, err error)

// ErrCursorRepeated matches the error that ends a listing whose server
// answered has_more with a cursor it had already given (or the one just
// sent): following it would loop forever.
var ErrCursorRepeated = errors.New("claude: pagination cursor did not advance")

// paginate turns a page fetcher into an iterator that follows has_more,
// forward by last_id, or backward by first_id when the caller started with
// only BeforeID. A cursor seen before ends it with ErrCursorRepeated.
func paginate[T any](ctx context.Context, params ListParams, fetch pageFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		backward := params.BeforeID != "" && params.AfterID == ""
		p := params
		seen := map[string]struct{}{params.AfterID: {}, params.BeforeID: {}}
		for {
			items, more, first, last, err := fetch(ctx, p)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !more || len(items) == 0 {
				return
			}
			next := last
			if backward {
				next = first
			}
			if next == "" {
				return // has_more without a cursor: stop rather than loop forever
			}
			if _, dup := seen[next]; dup {
				var zero T
				yield(zero, fmt.Errorf("%w: the server repeated cursor %q with has_more set", ErrCursorRepeated, next))
				return
			}
			seen[next] = struct{}{}
			if backward {
				p.BeforeID = next
			} else {
				p.AfterID = next
			}
		}
	}
}

func (p ListParams) validate() error {
	if p.Limit < 0 || p.Limit > 1000 {
		return &ValidationError{Field: "limit", Reason: fmt.Sprintf("must be between 1 and 1000, got %d", p.Limit)}
	}
	if p.AfterID != "" && p.BeforeID != "" {
		return &ValidationError{Field: "after_id", Reason: "cannot be combined with before_id"}
	}
	return nil
}

// afterID, beforeID and limit turn unset values into nil, so the query leaves
// them out instead of sending them empty.
func (p ListParams) afterID() *string  { return nonZero(p.AfterID) }
func (p ListParams) beforeID() *string { return nonZero(p.BeforeID) }
func (p ListParams) limit() *int       { return nonZero(p.Limit) }

func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// CursorParams pages through a list that is paged by an opaque token (the
// next_page of the previous page) instead of by IDs.
type CursorParams struct {
	// Page is the next_page token of the previous page; empty means the
	// first page.
	Page string
	// Limit is the page size; zero means the API default (20). Its upper
	// bound depends on the list (1000 for most, 100 for user profiles).
	Limit int
}

func (p CursorParams) validate(max int) error {
	if p.Limit < 0 || p.Limit > max {
		return &ValidationError{Field: "limit", Reason: fmt.Sprintf("must be between 1 and %d, got %d", max, p.Limit)}
	}
	return nil
}

func (p CursorParams) page() *string { return nonZero(p.Page) }
func (p CursorParams) limit() *int   { return nonZero(p.Limit) }

// cursorFunc fetches one page by token: its items and the next token (empty
// on the last page).
type cursorFunc[T any] func(ctx context.Context, page string) (items []T, next string, err error)

// paginateCursor turns a token-paged fetcher into an iterator that follows
// next_page from page until the API returns none (empty or null). An error is yielded once
// and ends the iteration; breaking out of the loop stops fetching.
func paginateCursor[T any](ctx context.Context, page string, fetch cursorFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		seen := map[string]bool{}
		for {
			items, next, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == "" || seen[next] {
				return // last page, or a token seen before: stop rather than loop forever
			}
			seen[next] = true
			page = next
		}
	}
}

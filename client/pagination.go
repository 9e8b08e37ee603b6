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

// ErrCursorRepeated matches the error that ends a listing whose server sent a
// next cursor (last_id, first_id or next_page) it had already given, or the
// one just sent: following it would loop forever.
var ErrCursorRepeated = errors.New("claude: pagination cursor did not advance")

// paginate turns a page fetcher into an iterator that follows has_more,
// forward by last_id, or backward by first_id when the caller started with
// only BeforeID. It walks with paginateCursor, the one page walker, so a
// cursor seen before ends it with ErrCursorRepeated.
func paginate[T any](ctx context.Context, params ListParams, fetch pageFunc[T]) iter.Seq2[T, error] {
	backward := params.BeforeID != "" && params.AfterID == ""
	start := params.AfterID
	if backward {
		start = params.BeforeID
	}
	return paginateCursor(ctx, start, func(ctx context.Context, cursor string) ([]T, string, error) {
		p := params
		if backward {
			p.BeforeID = cursor
		} else {
			p.AfterID = cursor
		}
		items, more, first, last, err := fetch(ctx, p)
		if err != nil || !more || len(items) == 0 {
			return items, "", err // has_more without items: stop rather than loop
		}
		if backward {
			return items, first, nil
		}
		return items, last, nil
	})
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

// paginateCursor is the one page walker: it fetches the page at page (the
// caller's start first), yields its items, and follows the next cursor the
// fetch returns until there is none (empty or null). A cursor already
// followed (the start, or one the server gave before) ends it with
// ErrCursorRepeated: following it would loop forever, and stopping without a
// word would drop the rest silently (ARCHITECTURE.md, rule 8). An error is
// yielded once and ends the iteration; breaking out of the loop stops
// fetching.
func paginateCursor[T any](ctx context.Context, page string, fetch cursorFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		seen := map[string]struct{}{page: {}}
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
			if next == "" {
				return
			}
			if _, dup := seen[next]; dup {
				var zero T
				yield(zero, fmt.Errorf("%w: the server sent cursor %q again", ErrCursorRepeated, next))
				return
			}
			seen[next] = struct{}{}
			page = next
		}
	}
}

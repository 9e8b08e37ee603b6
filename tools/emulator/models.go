package emulator

import (
	"net/http"
	"net/url"
	"strconv"
)

// Model is one entry of the emulator's catalog.
type Model struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	// CreatedAt is an RFC 3339 time; the list is served newest first in the
	// order given.
	CreatedAt string `json:"created_at"`
	// Aliases are other names requests may use, such as "claude-sonnet-4-5".
	Aliases []string `json:"-"`
}

// DefaultModels is the catalog served by default, newest first.
func DefaultModels() []Model {
	return []Model{
		{ID: "claude-opus-4-5-20251101", DisplayName: "Claude Opus 4.5", CreatedAt: "2025-11-01T00:00:00Z", Aliases: []string{"claude-opus-4-5"}},
		{ID: "claude-haiku-4-5-20251001", DisplayName: "Claude Haiku 4.5", CreatedAt: "2025-10-01T00:00:00Z", Aliases: []string{"claude-haiku-4-5"}},
		{ID: "claude-sonnet-4-5-20250929", DisplayName: "Claude Sonnet 4.5", CreatedAt: "2025-09-29T00:00:00Z", Aliases: []string{"claude-sonnet-4-5"}},
		{ID: "claude-opus-4-1-20250805", DisplayName: "Claude Opus 4.1", CreatedAt: "2025-08-05T00:00:00Z", Aliases: []string{"claude-opus-4-1"}},
		{ID: "claude-opus-4-20250514", DisplayName: "Claude Opus 4", CreatedAt: "2025-05-14T00:00:00Z", Aliases: []string{"claude-opus-4-0"}},
		{ID: "claude-sonnet-4-20250514", DisplayName: "Claude Sonnet 4", CreatedAt: "2025-05-14T00:00:00Z", Aliases: []string{"claude-sonnet-4-0"}},
		{ID: "claude-3-7-sonnet-20250219", DisplayName: "Claude Sonnet 3.7", CreatedAt: "2025-02-19T00:00:00Z", Aliases: []string{"claude-3-7-sonnet-latest"}},
		{ID: "claude-3-5-haiku-20241022", DisplayName: "Claude Haiku 3.5", CreatedAt: "2024-10-22T00:00:00Z", Aliases: []string{"claude-3-5-haiku-latest"}},
		{ID: "claude-3-haiku-20240307", DisplayName: "Claude Haiku 3", CreatedAt: "2024-03-07T00:00:00Z"},
	}
}

// findModel resolves an ID or alias.
func (h *Handler) findModel(name string) (Model, bool) {
	for _, m := range h.models {
		if m.ID == name {
			return m, true
		}
		for _, a := range m.Aliases {
			if a == name {
				return m, true
			}
		}
	}
	return Model{}, false
}

type wireModel struct {
	Type        string `json:"type"`
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	CreatedAt   string `json:"created_at"`
}

func toWire(m Model) wireModel {
	return wireModel{Type: "model", ID: m.ID, DisplayName: m.DisplayName, CreatedAt: m.CreatedAt}
}

func (x *exchange) getModel(id string) *response {
	if id, err := url.PathUnescape(id); err == nil {
		if m, ok := x.h.findModel(id); ok {
			return jsonResponse(toWire(m))
		}
	}
	return x.apiError(http.StatusNotFound, "not_found_error", "model: "+id)
}

// listModels pages the catalog like the API: limit (default 20, 1-1000),
// after_id (the page after that ID) or before_id (the page just before it),
// has_more, and first_id/last_id as the cursors (null on an empty page).
func (x *exchange) listModels() *response {
	q := x.r.URL.Query()
	limit := 20
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "limit: Input should be between 1 and 1000")
		}
		limit = n
	}
	after, before := q.Get("after_id"), q.Get("before_id")
	if after != "" && before != "" {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "after_id: cannot be combined with before_id")
	}
	all := x.h.models
	index := func(id string) int {
		for i, m := range all {
			if m.ID == id {
				return i
			}
		}
		return -1
	}
	lo, hi := 0, len(all)
	switch {
	case after != "":
		i := index(after)
		if i < 0 {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "after_id: unknown id "+after)
		}
		lo = i + 1
		hi = min(lo+limit, len(all))
	case before != "":
		i := index(before)
		if i < 0 {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "before_id: unknown id "+before)
		}
		hi = i
		lo = max(hi-limit, 0)
	default:
		hi = min(limit, len(all))
	}
	page := struct {
		Data    []wireModel `json:"data"`
		HasMore bool        `json:"has_more"`
		FirstID *string     `json:"first_id"`
		LastID  *string     `json:"last_id"`
	}{Data: []wireModel{}}
	for _, m := range all[lo:hi] {
		page.Data = append(page.Data, toWire(m))
	}
	if before != "" {
		page.HasMore = lo > 0
	} else {
		page.HasMore = hi < len(all)
	}
	if n := len(page.Data); n > 0 {
		first, last := page.Data[0].ID, page.Data[n-1].ID
		page.FirstID, page.LastID = &first, &last
	}
	return jsonResponse(page)
}

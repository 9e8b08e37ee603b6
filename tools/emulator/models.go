package emulator

import (
	"net/http"
	"net/url"
	"slices"
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

// listModels pages the catalog like the API (see pageBounds). Every model
// of the catalog is active, so a lifecycle[] filter without "active" lists
// none.
func (x *exchange) listModels() *response {
	all := x.h.models
	if stages := x.r.URL.Query()["lifecycle[]"]; len(stages) > 0 && !slices.Contains(stages, "active") {
		all = nil
	}
	lo, hi, more, errResp := x.pageBounds(len(all), func(i int) string { return all[i].ID })
	if errResp != nil {
		return errResp
	}
	var items []wireModel
	for _, m := range all[lo:hi] {
		items = append(items, toWire(m))
	}
	return jsonResponse(newListPage(items, more, func(m wireModel) string { return m.ID }))
}

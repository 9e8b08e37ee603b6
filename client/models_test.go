package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/claudego/claude/client"
)

// modelPager serves n models in pages, as the API does, and records the
// queries it saw.
func modelPager(n int, queries *[]string) http.HandlerFunc {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("claude-test-%03d", i)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		*queries = append(*queries, r.URL.RawQuery)
		q := r.URL.Query()
		limit := 20
		if l := q.Get("limit"); l != "" {
			limit, _ = strconv.Atoi(l)
		}
		start, end := 0, n
		if a := q.Get("after_id"); a != "" {
			for i, id := range ids {
				if id == a {
					start = i + 1
				}
			}
			end = min(start+limit, n)
		} else if b := q.Get("before_id"); b != "" {
			for i, id := range ids {
				if id == b {
					end = i
				}
			}
			start = max(0, end-limit)
		} else {
			end = min(limit, n)
		}
		type model struct {
			Type        string `json:"type"`
			ID          string `json:"id"`
			DisplayName string `json:"display_name"`
			CreatedAt   string `json:"created_at"`
		}
		page := struct {
			Data    []model `json:"data"`
			HasMore bool    `json:"has_more"`
			FirstID *string `json:"first_id"`
			LastID  *string `json:"last_id"`
		}{Data: []model{}}
		for _, id := range ids[start:end] {
			page.Data = append(page.Data, model{"model", id, id, "2025-01-01T00:00:00Z"})
		}
		if end > start {
			page.FirstID, page.LastID = &ids[start], &ids[end-1]
		}
		if q.Get("before_id") != "" {
			page.HasMore = start > 0
		} else {
			page.HasMore = end < n
		}
		w.Header().Set("content-type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
	}
}

func TestModelsListFollowsPages(t *testing.T) {
	t.Parallel()
	var queries []string
	c := setup(t, modelPager(45, &queries))
	var got []string
	for m, err := range c.Models.List(context.Background(), client.ModelListParams{ListParams: client.ListParams{Limit: 20}}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.ID)
	}
	if len(got) != 45 || got[0] != "claude-test-000" || got[44] != "claude-test-044" {
		t.Fatalf("got %d models (%v...), want 45 in order", len(got), got[:min(3, len(got))])
	}
	want := []string{"limit=20", "after_id=claude-test-019&limit=20", "after_id=claude-test-039&limit=20"}
	if fmt.Sprint(queries) != fmt.Sprint(want) {
		t.Fatalf("queries = %v, want %v", queries, want)
	}
}

func TestModelsListBackwardAndBreak(t *testing.T) {
	t.Parallel()
	var queries []string
	c := setup(t, modelPager(30, &queries))
	var got []string
	for m, err := range c.Models.List(context.Background(), client.ModelListParams{ListParams: client.ListParams{BeforeID: "claude-test-025", Limit: 10}}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.ID)
	}
	if len(got) != 25 {
		t.Fatalf("backward paging got %d models, want 25", len(got))
	}
	queries = nil
	n := 0
	for range c.Models.List(context.Background(), client.ModelListParams{ListParams: client.ListParams{Limit: 5}}) {
		n++
		if n == 7 {
			break
		}
	}
	if len(queries) != 2 {
		t.Fatalf("breaking after 7 items fetched %d pages, want 2", len(queries))
	}
}

func TestModelsListErrorEndsIteration(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(529)
		_, _ = w.Write([]byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`))
	}))
	calls := 0
	for _, err := range c.Models.List(context.Background(), client.ModelListParams{}) {
		calls++
		if !errors.Is(err, client.ErrOverloaded) {
			t.Fatalf("err = %v", err)
		}
	}
	if calls != 1 {
		t.Fatalf("yielded %d times, want the error once", calls)
	}
	if _, err := c.Models.ListPage(context.Background(), client.ModelListParams{ListParams: client.ListParams{Limit: 2000}}); !errors.Is(err, client.ErrValidation) {
		t.Fatalf("limit 2000: err = %v, want validation", err)
	}
}

// TestModelsRecorded decodes the recorded list and retrieve responses.
func TestModelsRecorded(t *testing.T) {
	t.Parallel()
	for _, rc := range recordedCases(t, "/v1/models", "/v1/models/{model_id}") {
		t.Run(rc.Name, func(t *testing.T) {
			t.Parallel()
			var path string
			c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				path = r.URL.Path
				serveCase(rc)(w, r)
			}))
			if rc.Endpoint == "/v1/models" {
				page, err := c.Models.ListPage(context.Background(), client.ModelListParams{})
				if err != nil {
					t.Fatal(err)
				}
				if len(page.Data) == 0 || page.Data[0].ID == "" || page.Data[0].CreatedAt.IsZero() {
					t.Fatalf("page = %+v", page)
				}
				return
			}
			m, err := c.Models.Get(context.Background(), "claude-sonnet-4-5")
			if err != nil {
				t.Fatal(err)
			}
			if m.ID == "" || m.DisplayName == "" || path != "/v1/models/claude-sonnet-4-5" {
				t.Fatalf("model %+v at %s", m, path)
			}
		})
	}
}

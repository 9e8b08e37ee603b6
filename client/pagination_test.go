package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/claudego/claude/client"
)

// TestPaginationStopsWhenCursorRepeats: a server that answers has_more with
// a cursor already followed (the same one, or a cycle) ends the listing with
// ErrCursorRepeated instead of looping forever.
func TestPaginationStopsWhenCursorRepeats(t *testing.T) {
	t.Parallel()
	for name, ids := range map[string][]string{
		"same cursor": {"m1"},
		"cycle":       {"m1", "m2"},
	} {
		n := 0
		c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := ids[n%len(ids)]
			n++
			fmt.Fprintf(w, `{"data":[{"type":"model","id":%q,"display_name":"x","created_at":"2025-01-01T00:00:00Z"}],"has_more":true,"first_id":%q,"last_id":%q}`, id, id, id)
		}))
		items := 0
		var err error
		for _, e := range c.Models.List(context.Background(), client.ModelListParams{}) {
			if e != nil {
				err = e
				break
			}
			if items++; items > 100 {
				break // the loop the fix prevents
			}
		}
		if !errors.Is(err, client.ErrCursorRepeated) || items != len(ids)+1 {
			t.Errorf("%s: %d items, err %v: want %d items then ErrCursorRepeated", name, items, err, len(ids)+1)
		}
	}
}

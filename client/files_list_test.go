package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestFilesListFollowsNextPage: a reply with next_page is followed by its
// token (page=, no after_id), and the last page (next_page null) ends the
// loop; the queries the server saw show how each page was asked for.
func TestFilesListFollowsNextPage(t *testing.T) {
	t.Parallel()
	var queries []string
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		w.Header().Set("content-type", "application/json")
		switch r.URL.Query().Get("page") {
		case "":
			fmt.Fprint(w, `{"data":[{"id":"file_a","type":"file","filename":"a","mime_type":"text/plain","size_bytes":1,"created_at":"2025-01-01T00:00:00Z"}],"has_more":true,"first_id":"file_a","last_id":"file_a","next_page":"page_2"}`)
		case "page_2":
			fmt.Fprint(w, `{"data":[{"id":"file_b","type":"file","filename":"b","mime_type":"text/plain","size_bytes":1,"created_at":"2025-01-01T00:00:00Z"}],"has_more":false,"first_id":"file_b","last_id":"file_b","next_page":null}`)
		default:
			http.Error(w, `{"type":"error","error":{"type":"invalid_request_error","message":"page"}}`, http.StatusBadRequest)
		}
	}))
	var ids []string
	for f, err := range c.Files.List(context.Background(), client.FileListParams{ListParams: client.ListParams{Limit: 1}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.ID)
	}
	if got := strings.Join(ids, ","); got != "file_a,file_b" {
		t.Fatalf("listed %s, want file_a,file_b", got)
	}
	if got := strings.Join(queries, " | "); got != "limit=1 | limit=1&page=page_2" {
		t.Fatalf("queries %q", got)
	}
}

// TestFilesListIDsIsOnePage: with IDs the reply is the whole list, even if
// the server claimed more, and the IDs go out as ids[].
func TestFilesListIDsIsOnePage(t *testing.T) {
	t.Parallel()
	calls := 0
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if got := r.URL.Query()["ids[]"]; strings.Join(got, ",") != "file_a,file_b" {
			t.Errorf("ids[] = %v", got)
		}
		w.Header().Set("content-type", "application/json")
		fmt.Fprint(w, `{"data":[{"id":"file_a","type":"file","filename":"a","mime_type":"text/plain","size_bytes":1,"created_at":"2025-01-01T00:00:00Z"}],"has_more":true,"first_id":"file_a","last_id":"file_a","next_page":"page_2"}`)
	}))
	n := 0
	for _, err := range c.Files.List(context.Background(), client.FileListParams{IDs: []string{"file_a", "file_b"}}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 || calls != 1 {
		t.Fatalf("%d files in %d calls, want 1 in 1", n, calls)
	}
}

// TestListFilterValidation: filters the API bounds fail before any I/O with
// the field named.
func TestListFilterValidation(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s", r.URL)
	}), client.WithAdminKey(testAdminKey))
	ctx := context.Background()
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("file_%d", i)
	}
	cases := []struct {
		name, field string
		call        func() error
	}{
		{"ids with limit", "ids", func() error {
			_, err := c.Files.ListPage(ctx, client.FileListParams{IDs: []string{"file_a"}, ListParams: client.ListParams{Limit: 5}})
			return err
		}},
		{"too many ids", "ids", func() error { _, err := c.Files.ListPage(ctx, client.FileListParams{IDs: many}); return err }},
		{"empty id", "ids[1]", func() error {
			_, err := c.Files.ListPage(ctx, client.FileListParams{IDs: []string{"file_a", ""}})
			return err
		}},
		{"page with after_id", "page", func() error {
			_, err := c.Files.ListPage(ctx, client.FileListParams{Page: "page_x", ListParams: client.ListParams{AfterID: "file_a"}})
			return err
		}},
		{"unknown lifecycle", "lifecycle[0]", func() error {
			_, err := c.Models.ListPage(ctx, client.ModelListParams{Lifecycle: []string{"sunset"}})
			return err
		}},
		{"too many lifecycles", "lifecycle", func() error {
			_, err := c.Models.ListPage(ctx, client.ModelListParams{Lifecycle: []string{"active", "deprecated", "retired", "active"}})
			return err
		}},
		{"unknown invite status", "statuses[1]", func() error {
			_, err := c.Organization.Invites.ListPage(ctx, client.InviteListParams{Statuses: []string{"pending", "revoked"}})
			return err
		}},
	}
	for _, tc := range cases {
		err := tc.call()
		var ve *client.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: got %v, want a *ValidationError on %s", tc.name, err, tc.field)
		}
	}
}

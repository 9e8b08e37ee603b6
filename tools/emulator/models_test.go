package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

type modelPage struct {
	Data []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	} `json:"data"`
	HasMore bool    `json:"has_more"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
}

func listPage(t *testing.T, srv *Server, query string) modelPage {
	t.Helper()
	resp, body := call(t, srv, "GET", "/v1/models"+query, "")
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", query, resp.StatusCode, body)
	}
	var p modelPage
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func ids(p modelPage) string {
	var s []string
	for _, m := range p.Data {
		s = append(s, m.ID)
	}
	return strings.Join(s, ",")
}

func TestModelsPagination(t *testing.T) {
	t.Parallel()
	models := []Model{
		{ID: "m5", DisplayName: "M5", CreatedAt: "2025-05-01T00:00:00Z"},
		{ID: "m4", DisplayName: "M4", CreatedAt: "2025-04-01T00:00:00Z"},
		{ID: "m3", DisplayName: "M3", CreatedAt: "2025-03-01T00:00:00Z"},
		{ID: "m2", DisplayName: "M2", CreatedAt: "2025-02-01T00:00:00Z"},
		{ID: "m1", DisplayName: "M1", CreatedAt: "2025-01-01T00:00:00Z", Aliases: []string{"one"}},
	}
	srv := setup(t, Config{Models: models})

	p := listPage(t, srv, "")
	if ids(p) != "m5,m4,m3,m2,m1" || p.HasMore || *p.FirstID != "m5" || *p.LastID != "m1" || p.Data[0].Type != "model" {
		t.Fatalf("default page: %+v", p)
	}
	p = listPage(t, srv, "?limit=2")
	if ids(p) != "m5,m4" || !p.HasMore || *p.LastID != "m4" {
		t.Fatalf("limit=2: %s more=%v", ids(p), p.HasMore)
	}
	p = listPage(t, srv, "?limit=2&after_id=m4")
	if ids(p) != "m3,m2" || !p.HasMore {
		t.Fatalf("after m4: %s more=%v", ids(p), p.HasMore)
	}
	p = listPage(t, srv, "?limit=2&after_id=m2")
	if ids(p) != "m1" || p.HasMore {
		t.Fatalf("after m2: %s more=%v", ids(p), p.HasMore)
	}
	p = listPage(t, srv, "?limit=2&before_id=m2")
	if ids(p) != "m4,m3" || !p.HasMore || *p.FirstID != "m4" {
		t.Fatalf("before m2: %s more=%v", ids(p), p.HasMore)
	}
	p = listPage(t, srv, "?limit=2&before_id=m4")
	if ids(p) != "m5" || p.HasMore {
		t.Fatalf("before m4: %s more=%v", ids(p), p.HasMore)
	}
	p = listPage(t, srv, "?after_id=m1")
	if len(p.Data) != 0 || p.HasMore || p.FirstID != nil || p.LastID != nil {
		t.Fatalf("empty page: %+v", p)
	}

	resp, body := call(t, srv, "GET", "/v1/models?limit=0", "")
	wantAPIError(t, resp, body, 400, "invalid_request_error", "limit")
	resp, body = call(t, srv, "GET", "/v1/models?limit=1001", "")
	wantAPIError(t, resp, body, 400, "invalid_request_error", "limit")

	resp, body = call(t, srv, "GET", "/v1/models/one", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"m1"`) {
		t.Fatalf("get alias: %d %s", resp.StatusCode, body)
	}
	resp, body = call(t, srv, "GET", "/v1/models/nope", "")
	wantAPIError(t, resp, body, 404, "not_found_error", "model: nope")
}

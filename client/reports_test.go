package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
)

var day0 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func recordSomeUsage(org *orgtest.Server) {
	org.RecordUsage(orgtest.Usage{Time: day0.Add(2 * time.Hour), Model: "claude-haiku-4-5", WorkspaceID: "wrkspc_a", InputTokens: 1000, OutputTokens: 200})
	org.RecordUsage(orgtest.Usage{Time: day0.Add(3 * time.Hour), Model: "claude-sonnet-4-5", WorkspaceID: "wrkspc_a", InputTokens: 500, OutputTokens: 100, CacheReadInputTokens: 50})
	org.RecordUsage(orgtest.Usage{Time: day0.Add(26 * time.Hour), Model: "claude-haiku-4-5", WorkspaceID: "wrkspc_b", InputTokens: 10, OutputTokens: 1})
}

func TestUsageReport(t *testing.T) {
	t.Parallel()
	c, org := setupOrg(t)
	org.Now = func() time.Time { return day0.Add(72 * time.Hour) }
	recordSomeUsage(org)
	ctx := context.Background()
	buckets := collect(t, c.Organization.Usage.List(ctx, client.UsageReportParams{StartingAt: day0, GroupBy: []string{"model"}, Limit: 1}))
	if len(buckets) != 3 {
		t.Fatalf("paged through %d daily buckets, want 3", len(buckets))
	}
	first := buckets[0].Results
	if len(first) != 2 || first[0].Model != "claude-haiku-4-5" || first[0].UncachedInputTokens != 1000 || first[1].CacheReadInputTokens != 50 {
		t.Errorf("day 1 by model = %+v", first)
	}
	page, err := c.Organization.Usage.ListPage(ctx, client.UsageReportParams{StartingAt: day0, EndingAt: day0.Add(24 * time.Hour), Models: []string{"claude-sonnet-4-5"}})
	if err != nil || len(page.Data) != 1 || len(page.Data[0].Results) != 1 || page.Data[0].Results[0].OutputTokens != 100 || page.HasMore {
		t.Fatalf("filtered ListPage = %+v, %v", page, err)
	}
	hourly, err := c.Organization.Usage.ListPage(ctx, client.UsageReportParams{StartingAt: day0, BucketWidth: "1h", Limit: 24})
	if err != nil || len(hourly.Data) != 24 || !hourly.HasMore || hourly.NextPage == "" {
		t.Fatalf("hourly ListPage: %d buckets, more %v, %v", len(hourly.Data), hourly.HasMore, err)
	}
}

func TestCostReport(t *testing.T) {
	t.Parallel()
	c, org := setupOrg(t)
	org.Now = func() time.Time { return day0.Add(48 * time.Hour) }
	recordSomeUsage(org)
	days := collect(t, c.Organization.Cost.List(context.Background(), client.CostReportParams{StartingAt: day0, GroupBy: []string{"workspace_id"}}))
	if len(days) != 2 || len(days[0].Results) != 1 || days[0].Results[0].WorkspaceID != "wrkspc_a" || days[0].Results[0].Currency != "USD" {
		t.Fatalf("cost by workspace = %+v", days)
	}
	// haiku: 1000 in x $1 + 200 out x $5; sonnet: 500 x $3 + 100 x $15 + 50 cached x $0.3, per MTok, in cents.
	if got := days[0].Results[0].Amount; got != "0.5015" {
		t.Errorf("day 1 amount = %s cents, want 0.5015", got)
	}
}

// TestReportQuery pins the query the reports send: bracketed array names,
// RFC 3339 times, and nothing for unset fields.
func TestReportQuery(t *testing.T) {
	t.Parallel()
	got := make(chan url.Values, 1)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Query()
		_, _ = w.Write([]byte(`{"data":[],"has_more":false,"next_page":null}`))
	}), client.WithAdminKey(testAdminKey))
	_, err := c.Organization.Usage.ListPage(context.Background(), client.UsageReportParams{
		StartingAt: day0, EndingAt: day0.Add(time.Hour), BucketWidth: "1m", GroupBy: []string{"model", "workspace_id"}, WorkspaceIDs: []string{"wrkspc_a"}})
	if err != nil {
		t.Fatal(err)
	}
	q := <-got
	if q.Get("starting_at") != "2026-03-01T00:00:00Z" || q.Get("bucket_width") != "1m" || len(q["group_by[]"]) != 2 || q.Get("workspace_ids[]") != "wrkspc_a" {
		t.Errorf("query = %v", q)
	}
	if q.Has("models[]") || q.Has("limit") || q.Has("page") {
		t.Errorf("unset fields were sent: %v", q)
	}
}

func TestReportValidation(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	usage := func(p client.UsageReportParams) error { _, err := c.Organization.Usage.ListPage(ctx, p); return err }
	cost := func(p client.CostReportParams) error { _, err := c.Organization.Cost.ListPage(ctx, p); return err }
	cases := []struct {
		name, field string
		err         error
	}{
		{"no start", "starting_at", usage(client.UsageReportParams{})},
		{"end before start", "ending_at", usage(client.UsageReportParams{StartingAt: day0, EndingAt: day0.Add(-time.Hour)})},
		{"end equals start", "ending_at", cost(client.CostReportParams{StartingAt: day0, EndingAt: day0})},
		{"1d limit", "limit", usage(client.UsageReportParams{StartingAt: day0, Limit: 32})},
		{"1h limit", "limit", usage(client.UsageReportParams{StartingAt: day0, BucketWidth: "1h", Limit: 169})},
		{"1m limit", "limit", usage(client.UsageReportParams{StartingAt: day0, BucketWidth: "1m", Limit: 1441})},
		{"width", "bucket_width", usage(client.UsageReportParams{StartingAt: day0, BucketWidth: "1w"})},
		{"group_by", "group_by[1]", usage(client.UsageReportParams{StartingAt: day0, GroupBy: []string{"model", "user"}})},
		{"cost group_by", "group_by[0]", cost(client.CostReportParams{StartingAt: day0, GroupBy: []string{"model"}})},
		{"cost limit", "limit", cost(client.CostReportParams{StartingAt: day0, Limit: 32})},
		{"tier", "service_tiers[0]", usage(client.UsageReportParams{StartingAt: day0, ServiceTiers: []string{"flex"}})},
	}
	for _, tc := range cases {
		var ve *client.ValidationError
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: err = %v, want a ValidationError on %s", tc.name, tc.err, tc.field)
		}
	}
	if err := usage(client.UsageReportParams{StartingAt: day0, BucketWidth: "1m", Limit: 1440}); err != nil {
		t.Errorf("1m with limit 1440 is allowed: %v", err)
	}
}

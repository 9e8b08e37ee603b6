package quota_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
	"github.com/claudego/claude/client/pricing"
	"github.com/claudego/claude/extensions/quota"
)

const testAdminKey = "sk-ant-admin01-test-quota"

// orgClient serves an in-memory organization (client/orgtest, whose
// reports are computed from the usage recorded into it) to a client holding
// an admin key.
func orgClient(t *testing.T, now time.Time) (*client.Client, *orgtest.Server) {
	t.Helper()
	org := orgtest.New()
	org.Now = func() time.Time { return now }
	srv := httptest.NewServer(org.Handler())
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey(testAdminKey), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, org
}

// TestReconcileStartsFromTheOrganizationsTruth: a new quota (a restarted
// process) reads the day's and the month's spending from the admin usage
// and cost reports, per model where the limit is per model; a counter
// already higher locally stays; requests are not in the reports.
func TestReconcileStartsFromTheOrganizationsTruth(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 15, 30, 0, 0, time.UTC)
	admin, org := orgClient(t, now)
	org.RecordUsage(orgtest.Usage{Time: now.Add(-2 * time.Hour), Model: "claude-haiku-4-5-20251001", InputTokens: 1000, CacheReadInputTokens: 500, OutputTokens: 200})
	org.RecordUsage(orgtest.Usage{Time: now.Add(-1 * time.Hour), Model: "claude-sonnet-4-5", InputTokens: 2000, CacheWrite1hTokens: 100, OutputTokens: 300})
	org.RecordUsage(orgtest.Usage{Time: now.AddDate(0, 0, -3), Model: "claude-haiku-4-5", InputTokens: 7000, OutputTokens: 700}) // this month, not today
	org.RecordUsage(orgtest.Usage{Time: now.AddDate(0, -1, 0), Model: "claude-haiku-4-5", InputTokens: 9e6, OutputTokens: 9e6})  // last month

	q, err := quota.NewQuota(quota.Config{Now: func() time.Time { return now }, Limits: []quota.Limit{
		{Period: quota.Day, Requests: 100, InputTokens: 1e6, OutputTokens: 1e6, CostUSD: 10},
		{Period: quota.Month, Model: "claude-haiku-4-5", CostUSD: 5, OutputTokens: 1e6},
	}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := q.Reconcile(context.Background(), admin)
	if err != nil {
		t.Fatal(err)
	}
	price := func(model string, tk pricing.Tokens) int64 {
		b, err := pricing.Default().CostTokens(model, tk)
		if err != nil {
			t.Fatal(err)
		}
		return int64(b.Total*1e6 + 0.999999)
	}
	haikuToday := price("claude-haiku-4-5", pricing.Tokens{Input: 1000, CacheRead: 500, Output: 200})
	sonnetToday := price("claude-sonnet-4-5", pricing.Tokens{Input: 2000, CacheWrite1h: 100, Output: 300})
	haikuEarlier := price("claude-haiku-4-5", pricing.Tokens{Input: 7000, Output: 700})
	want := map[string]int64{
		"day//input_tokens":                    1000 + 500 + 2000 + 100,
		"day//output_tokens":                   200 + 300,
		"month/claude-haiku-4-5/output_tokens": 200 + 700,
	}
	costs := map[string]int64{
		"day//cost_usd":                   haikuToday + sonnetToday,
		"month/claude-haiku-4-5/cost_usd": haikuToday + haikuEarlier,
	}
	if len(got) != len(want)+len(costs) {
		t.Fatalf("reconciled %d counters, want %d: %+v", len(got), len(want)+len(costs), got)
	}
	for _, r := range got {
		k := r.Period + "/" + r.Model + "/" + r.Metric
		if w, ok := want[k]; ok {
			if r.Org != w || r.Used != w || r.Local != 0 {
				t.Errorf("%s: %+v, want %d", k, r, w)
			}
			continue
		}
		// Cents in the report and micro-dollars here round apart by at
		// most a micro-dollar per report row.
		if w, ok := costs[k]; !ok || r.Org < w-4 || r.Org > w+4 || r.Used != r.Org {
			t.Errorf("%s: %+v, want about %d", k, r, w)
		}
	}
	st, err := q.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.Metric == "requests" && s.Used != 0 {
			t.Errorf("requests reconciled: %+v", s)
		}
		if s.Metric == "input_tokens" && s.Used != want["day//input_tokens"] {
			t.Errorf("the store holds %d input tokens, want %d", s.Used, want["day//input_tokens"])
		}
	}
	// A second reconcile adds nothing: the counters already hold it.
	again, err := q.Reconcile(context.Background(), admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if r.Local != r.Used {
			t.Errorf("second reconcile moved %s/%s: %+v", r.Period, r.Metric, r)
		}
	}
}

// TestReconcileNeedsUTCAlignedWindows: a day that starts off a UTC day
// cannot be read from the daily cost report: an error naming the limit,
// before any report is read.
func TestReconcileNeedsUTCAlignedWindows(t *testing.T) {
	t.Parallel()
	admin, _ := orgClient(t, time.Now())
	q, err := quota.NewQuota(quota.Config{Location: time.FixedZone("UTC-3", -3*3600), Limits: []quota.Limit{{Period: quota.Day, CostUSD: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Reconcile(context.Background(), admin); err == nil || !strings.Contains(err.Error(), "Limits[0]") {
		t.Fatalf("err = %v", err)
	}
}

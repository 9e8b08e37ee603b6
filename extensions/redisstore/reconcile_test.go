package redisstore_test

import (
	"context"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/orgtest"
	"github.com/claudego/claude/extensions/quota"
	"github.com/claudego/claude/extensions/redisstore"
)

// TestConcurrentReconcile: twelve workers, each its own Quota over one
// redis-server, reconcile with the organization's reports at once (twice
// each): the counters end at the reports' figures, where a read then an add
// let each worker add the difference again. A counter the fleet had already
// counted past the reports stays where it was.
func TestConcurrentReconcile(t *testing.T) {
	r := startRedis(t)
	rc := r.client()
	ns := uniquePrefix(t)
	now := time.Date(2026, 11, 30, 15, 30, 0, 0, time.UTC)
	org := orgtest.New()
	org.Now = func() time.Time { return now }
	org.RecordUsage(orgtest.Usage{Time: now.Add(-2 * time.Hour), Model: "claude-haiku-4-5", InputTokens: 1000, CacheReadInputTokens: 500, OutputTokens: 200})
	org.RecordUsage(orgtest.Usage{Time: now.Add(-time.Hour), Model: "claude-sonnet-4-5", InputTokens: 2000, OutputTokens: 300})
	srv := httptest.NewServer(org.Handler())
	t.Cleanup(srv.Close)
	admin, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey("sk-ant-admin01-test-redisstore"), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	st, err := redisstore.New(redisstore.Config{Client: rc})
	if err != nil {
		t.Fatal(err)
	}
	cfg := quota.Config{Namespace: ns, Store: st, Now: func() time.Time { return now },
		Limits: []quota.Limit{{Period: quota.Day, InputTokens: 1e6, OutputTokens: 1e6}}}
	// The fleet already counted 900 output tokens the reports do not show
	// yet, and 100 input tokens.
	q0, err := quota.NewQuota(cfg)
	if err != nil {
		t.Fatal(err)
	}
	before, err := q0.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	day := before[0].Reset
	key := func(metric string) string {
		return ns + ":quota:day:" + strconv.FormatInt(day.AddDate(0, 0, -1).Unix(), 10) + ":*:" + metric
	}
	if err := st.Add(context.Background(), []limitstore.Counter{{Key: key("input_tokens"), Add: 100, ExpireAt: day}, {Key: key("output_tokens"), Add: 900, ExpireAt: day}}); err != nil {
		t.Fatal(err)
	}

	const workers = 12
	var wg sync.WaitGroup
	for range workers {
		q, err := quota.NewQuota(cfg)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			for range 2 {
				if _, err := q.Reconcile(context.Background(), admin); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	got, err := q0.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"input_tokens": 1000 + 500 + 2000, "output_tokens": 900}
	for _, s := range got {
		if s.Used != want[s.Metric] {
			t.Errorf("after %d workers reconciled at once: %s used %d, want %d", workers, s.Metric, s.Used, want[s.Metric])
		}
	}
	if len(got) != 2 {
		t.Fatalf("status: %+v", got)
	}
}

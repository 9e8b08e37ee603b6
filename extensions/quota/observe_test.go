package quota_test

import (
	"context"
	"errors"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/obstest"
	"github.com/claudego/claude/extensions/quota"
)

// TestReportsRefusal: a call the quota refuses reaches the call's
// observers as quota_refused naming the budget, before any attempt.
func TestReportsRefusal(t *testing.T) {
	t.Parallel()
	srv := newServer(t, 200, "application/json", recorded(t, "msg-prompt-cache-read", "body.json"))
	now, _ := fixedClock(t0)
	q, err := quota.NewQuota(quota.Config{Limits: []quota.Limit{{Period: quota.Day, Requests: 1}}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	rec := &obstest.Recorder{}
	c := newClient(t, srv.url, q.Option(), client.WithObserver(rec))
	ctx := context.Background()
	if _, err := c.Messages.Create(ctx, request("claude-sonnet-4-20250514")); err != nil {
		t.Fatal(err)
	}
	_, err = c.Messages.Create(ctx, request("claude-sonnet-4-20250514"))
	evs := rec.Of(client.EventQuotaRefused)
	if len(evs) != 1 || evs[0].Name != "requests" || !errors.Is(evs[0].Err, quota.ErrQuotaExceeded) || !errors.Is(err, quota.ErrQuotaExceeded) {
		t.Fatalf("quota_refused events %+v (call err %v)", evs, err)
	}
	if n := len(rec.Of(client.EventAttemptStart)); n != 1 {
		t.Fatalf("%d attempts; the refused call must make none", n)
	}
}

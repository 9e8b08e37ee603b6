package quota

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
)

// Reconciled is one counter Reconcile read from the organization's reports.
type Reconciled struct {
	Status
	// Local is what the store held before; Org what the reports say the
	// window has used. Used (in Status) is the larger, which the store now
	// holds.
	Local, Org int64
}

// Reconcile raises the day and month counters of the limits on input
// tokens, output tokens and cost to what the organization's admin reports
// say the current windows used: the usage report (tokens, by model) and the
// cost report (by model, in cents), read through org, a client holding an
// admin key (client.WithAdminKey). Call it when a process starts, so a
// restarted worker starts from the organization's truth rather than from
// zero, and now and then to count what other keys and tools spent.
//
// A counter only goes up: the reports lag the calls by minutes, so a
// higher local count (calls the reports do not show yet) stands. The raise
// is one atomic store operation (a floor, not an addition), so any number
// of workers sharing a store may reconcile at once. Requests and minute
// windows are not in the reports and are left alone.
// workspaceIDs, when given, keep only those workspaces' usage and cost (a
// quota per workspace). The reports' buckets are UTC hours (tokens) and UTC
// days (cost): a window that does not start on one (Config.Location) is an
// error naming the limit, before anything is read.
func (q *Quota) Reconcile(ctx context.Context, org *client.Client, workspaceIDs ...string) ([]Reconciled, error) {
	now := q.s.Now()
	var ts []reconcileTarget
	var from time.Time
	needTokens, needCost, daily := false, false, true
	for li, l := range q.s.Limits {
		if l.Period == Minute {
			continue
		}
		w := q.window(li, now)
		for mi := 1; mi < len(metrics); mi++ {
			if l.max(mi) == 0 {
				continue
			}
			u := w.start.UTC()
			unit, aligned := "hour", u.Minute() == 0 && u.Second() == 0
			if mi == 3 {
				unit, aligned = "day", aligned && u.Hour() == 0
			}
			if !aligned {
				return nil, fmt.Errorf("quota: Limits[%d]: its %s window starts at %s, not on a UTC %s the reports count in", li, l.Period, w.start.Format(time.RFC3339), unit)
			}
			daily = daily && u.Hour() == 0
			needTokens, needCost = needTokens || mi < 3, needCost || mi == 3
			ts = append(ts, reconcileTarget{limit: li, metric: mi, w: w})
			if from.IsZero() || w.start.Before(from) {
				from = w.start
			}
		}
	}
	if len(ts) == 0 {
		return nil, nil
	}
	if needTokens {
		if err := q.reconcileTokens(ctx, org, ts, from, daily, workspaceIDs); err != nil {
			return nil, err
		}
	}
	if needCost {
		if err := q.reconcileCost(ctx, org, ts, from, workspaceIDs); err != nil {
			return nil, err
		}
	}
	return q.raise(ctx, ts)
}

// reconcileTarget is one counter to reconcile and the organization's figure.
type reconcileTarget struct {
	limit, metric int
	w             *window
	org           int64
}

// counts reports whether a bucket starting at start with model belongs to t.
func (q *Quota) counts(t *reconcileTarget, start time.Time, model string) bool {
	return !start.Before(t.w.start) && start.Before(t.w.end) && q.s.Limits[t.limit].covers(model)
}

func (q *Quota) reconcileTokens(ctx context.Context, org *client.Client, ts []reconcileTarget, from time.Time, daily bool, workspaceIDs []string) error {
	p := client.UsageReportParams{StartingAt: from, BucketWidth: "1h", Limit: 168, GroupBy: []string{"model"}, WorkspaceIDs: workspaceIDs}
	if daily {
		p.BucketWidth, p.Limit = "1d", 31
	}
	for b, err := range org.Organization.Usage.List(ctx, p) {
		if err != nil {
			return fmt.Errorf("quota: reconcile: usage report: %w", err)
		}
		for _, r := range b.Results {
			in := r.UncachedInputTokens + r.CacheReadInputTokens + r.CacheCreation.Ephemeral5MInputTokens + r.CacheCreation.Ephemeral1HInputTokens
			for i := range ts {
				t := &ts[i]
				switch {
				case !q.counts(t, b.StartingAt, r.Model):
				case t.metric == 1:
					t.org += in
				case t.metric == 2:
					t.org += r.OutputTokens
				}
			}
		}
	}
	return nil
}

func (q *Quota) reconcileCost(ctx context.Context, org *client.Client, ts []reconcileTarget, from time.Time, workspaceIDs []string) error {
	p := client.CostReportParams{StartingAt: from, Limit: 31, GroupBy: []string{"description"}}
	if len(workspaceIDs) > 0 {
		p.GroupBy = append(p.GroupBy, "workspace_id")
	}
	for b, err := range org.Organization.Cost.List(ctx, p) {
		if err != nil {
			return fmt.Errorf("quota: reconcile: cost report: %w", err)
		}
		for _, r := range b.Results {
			if len(workspaceIDs) > 0 && !slices.Contains(workspaceIDs, r.WorkspaceID) {
				continue
			}
			cents, err := strconv.ParseFloat(r.Amount, 64)
			if err != nil || r.Currency != "" && r.Currency != "USD" {
				return fmt.Errorf("quota: reconcile: cost report of %s: amount %q %s is not a USD amount", b.StartingAt.Format(time.DateOnly), r.Amount, r.Currency)
			}
			for i := range ts {
				t := &ts[i]
				if t.metric == 3 && q.counts(t, b.StartingAt, r.Model) {
					t.org += micros(cents / 100)
				}
			}
		}
	}
	return nil
}

// raise sets each counter to at least what the organization counted, in
// one atomic store operation (limitstore.Store.Raise): a floor, not an
// amount, so workers reconciling at once all leave it at that figure.
func (q *Quota) raise(ctx context.Context, ts []reconcileTarget) ([]Reconciled, error) {
	cs := make([]limitstore.Counter, len(ts))
	for i, t := range ts {
		cs[i] = limitstore.Counter{Key: t.w.keys[t.metric], Add: t.org, ExpireAt: t.w.end}
	}
	local, err := q.s.Store.Raise(ctx, cs)
	if err != nil {
		return nil, fmt.Errorf("quota: reconcile: store: %w", err)
	}
	out := make([]Reconciled, len(ts))
	for i, t := range ts {
		l := q.s.Limits[t.limit]
		out[i] = Reconciled{
			Status: Status{Limit: l, Metric: metrics[t.metric], Period: l.Period.String(), Model: l.Model, Used: max(local[i], t.org), Max: l.max(t.metric), Reset: t.w.end},
			Local:  local[i], Org: t.org,
		}
	}
	return out, nil
}

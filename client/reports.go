package client

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/claudego/claude/gen"
)

// UsageReportService reads the organization's Messages usage report: token
// counts per time bucket, optionally broken down by model, workspace, API
// key, service tier, context window or inference geo. Admin API: see
// OrganizationService.
type UsageReportService service

// CostReportService reads the organization's cost report: USD cost per day,
// optionally broken down by workspace and description. Admin API: see
// OrganizationService.
type CostReportService service

// bucketLimits is the most buckets one page may hold, per bucket width, as
// the API documents them (the defaults are 7, 24 and 60).
var bucketLimits = map[string]int{"1d": 31, "1h": 168, "1m": 1440}

// UsageReportParams selects the usage report's range, buckets, grouping and
// filters. StartingAt is required.
type UsageReportParams struct {
	// StartingAt: buckets starting at or after this time (snapped to the
	// bucket start in UTC); required.
	StartingAt time.Time
	// EndingAt: buckets ending before this time; zero means now. It must be
	// after StartingAt.
	EndingAt time.Time
	// BucketWidth is "1d" (the default), "1h" or "1m".
	BucketWidth string
	// GroupBy breaks each bucket down by these dimensions: api_key_id,
	// workspace_id, model, service_tier, context_window, inference_geo,
	// account_id, service_account_id, speed (speed needs the
	// fast-mode-2026-02-01 beta: WithBeta).
	GroupBy []string
	// Models, APIKeyIDs, WorkspaceIDs, ServiceTiers (standard, batch,
	// priority), ContextWindows (0-200k, 200k-1M) and InferenceGeos keep only
	// matching usage.
	Models, APIKeyIDs, WorkspaceIDs, ServiceTiers, ContextWindows, InferenceGeos []string
	// Limit is the number of buckets per page: 1d up to 31 (default 7), 1h
	// up to 168 (default 24), 1m up to 1440 (default 60).
	Limit int
	// Page is the next_page token of the previous page.
	Page string
}

// validateRange checks the report range and the bucket limit of its width.
func validateRange(v *validator, start, end time.Time, width string, limit int, widths []string) {
	if start.IsZero() {
		v.add("starting_at", "is required")
	} else if !end.IsZero() && !end.After(start) {
		v.add("ending_at", "must be after starting_at (%s), got %s", start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	w := width
	if w == "" {
		w = "1d"
	}
	if err := checkEnum("bucket_width", w, widths); err != nil {
		v.errs = append(v.errs, err)
		return
	}
	if max := bucketLimits[w]; limit < 0 || limit > max {
		v.add("limit", "must be between 1 and %d for bucket_width %s, got %d", max, w, limit)
	}
}

func checkEach(v *validator, field string, values, allowed []string) {
	for i, s := range values {
		if err := checkEnum(field+"["+itoa(i)+"]", s, allowed); err != nil {
			v.errs = append(v.errs, err)
		}
	}
}

func (p UsageReportParams) validate() error {
	var v validator
	validateRange(&v, p.StartingAt, p.EndingAt, p.BucketWidth, p.Limit, []string{"1d", "1h", "1m"})
	checkEach(&v, "group_by", p.GroupBy, []string{"api_key_id", "workspace_id", "model", "service_tier", "context_window", "inference_geo"})
	checkEach(&v, "service_tiers", p.ServiceTiers, []string{"standard", "batch", "priority"})
	checkEach(&v, "context_window", p.ContextWindows, []string{"0-200k", "200k-1M"})
	return v.err()
}

// slicePtr returns nil for an empty slice, so the query leaves it out.
func slicePtr[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}

// convert turns a string list into a generated enum list.
func convert[E ~string](s []string) []E {
	out := make([]E, len(s))
	for i, v := range s {
		out[i] = E(v)
	}
	return out
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// ListPage returns one page of usage buckets.
//
// API: GET /v1/organizations/usage_report/messages
func (s *UsageReportService) ListPage(ctx context.Context, params UsageReportParams, opts ...Option) (*UsageReport, error) {
	return call[UsageReport](ctx, (*service)(s), "organization.usage_report", credentialAdmin, opts, nil, params.validate, func(server string) (*http.Request, error) {
		return gen.NewGetMessagesUsageReportRequest(server, &gen.GetMessagesUsageReportParams{
			StartingAt: params.StartingAt, EndingAt: timePtr(params.EndingAt),
			BucketWidth:   (*gen.GetMessagesUsageReportParamsBucketWidth)(nonZero(params.BucketWidth)),
			GroupBy:       slicePtr(convert[gen.GetMessagesUsageReportParamsGroupBy](params.GroupBy)),
			Models:        slicePtr(params.Models),
			APIKeyIds:     slicePtr(params.APIKeyIDs),
			WorkspaceIds:  slicePtr(params.WorkspaceIDs),
			ServiceTiers:  slicePtr(convert[gen.GetMessagesUsageReportParamsServiceTiers](params.ServiceTiers)),
			ContextWindow: slicePtr(convert[gen.GetMessagesUsageReportParamsContextWindow](params.ContextWindows)),
			InferenceGeos: slicePtr(params.InferenceGeos),
			Limit:         nonZero(params.Limit), Page: nonZero(params.Page),
		})
	})
}

// List iterates over every usage bucket of the range, following next_page.
//
// API: GET /v1/organizations/usage_report/messages
func (s *UsageReportService) List(ctx context.Context, params UsageReportParams, opts ...Option) iter.Seq2[UsageReportBucket, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]UsageReportBucket, string, error) {
		p := params
		p.Page = page
		resp, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		if !resp.HasMore {
			return resp.Data, "", nil
		}
		return resp.Data, resp.NextPage, nil
	})
}

// CostReportParams selects the cost report's range, grouping and paging.
// StartingAt is required; buckets are always one day.
type CostReportParams struct {
	// StartingAt: buckets starting at or after this time; required.
	StartingAt time.Time
	// EndingAt: buckets ending before this time; zero means now.
	EndingAt time.Time
	// BucketWidth is "1d", the only width the cost report has; empty leaves
	// it to that default.
	BucketWidth string
	// GroupBy breaks each day down by workspace_id and/or description.
	GroupBy []string
	// Limit is the number of days per page, up to 31 (default 7).
	Limit int
	// Page is the next_page token of the previous page.
	Page string
}

func (p CostReportParams) validate() error {
	var v validator
	validateRange(&v, p.StartingAt, p.EndingAt, p.BucketWidth, p.Limit, []string{"1d"})
	checkEach(&v, "group_by", p.GroupBy, []string{"workspace_id", "description"})
	return v.err()
}

// ListPage returns one page of daily cost buckets. Amounts are decimal
// strings in cents of USD (see CostReportResult.Amount).
//
// API: GET /v1/organizations/cost_report
func (s *CostReportService) ListPage(ctx context.Context, params CostReportParams, opts ...Option) (*CostReport, error) {
	return call[CostReport](ctx, (*service)(s), "organization.cost_report", credentialAdmin, opts, nil, params.validate, func(server string) (*http.Request, error) {
		return gen.NewGetCostReportRequest(server, &gen.GetCostReportParams{
			StartingAt: params.StartingAt, EndingAt: timePtr(params.EndingAt),
			BucketWidth: (*gen.GetCostReportParamsBucketWidth)(nonZero(params.BucketWidth)),
			GroupBy:     slicePtr(convert[gen.GetCostReportParamsGroupBy](params.GroupBy)),
			Limit:       nonZero(params.Limit), Page: nonZero(params.Page),
		})
	})
}

// List iterates over every daily cost bucket of the range.
//
// API: GET /v1/organizations/cost_report
func (s *CostReportService) List(ctx context.Context, params CostReportParams, opts ...Option) iter.Seq2[CostReportBucket, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]CostReportBucket, string, error) {
		p := params
		p.Page = page
		resp, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		if !resp.HasMore {
			return resp.Data, "", nil
		}
		return resp.Data, resp.NextPage, nil
	})
}

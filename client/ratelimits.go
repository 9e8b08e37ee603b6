package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
)

// OrganizationRateLimitsService lists the organization's rate limits, per
// group (a model family, batches, token counting, files, skills, web
// search). Admin API: see OrganizationService.
type OrganizationRateLimitsService service

// WorkspaceRateLimitsService lists a workspace's rate limits and sets or
// clears its overrides of the organization's.
type WorkspaceRateLimitsService service

var rateLimitGroups = []string{"model_group", "batch", "token_count", "files", "skills", "web_search"}

// RateLimitListParams filters and pages a rate-limit list.
type RateLimitListParams struct {
	CursorParams
	// GroupType keeps only entries of this group type (model_group, batch,
	// token_count, files, skills, web_search).
	GroupType string
	// Model keeps only the entry holding this model (organization list
	// only).
	Model string
	// IncludeInherited also lists the values a workspace inherits from the
	// organization (workspace list only).
	IncludeInherited bool
}

func (p RateLimitListParams) validate() error {
	if err := p.CursorParams.validate(1000); err != nil {
		return err
	}
	if p.GroupType != "" {
		return checkEnum("group_type", p.GroupType, rateLimitGroups)
	}
	return nil
}

// ListPage returns one page of the organization's rate limits.
//
// API: GET /v1/organizations/rate_limits
func (s *OrganizationRateLimitsService) ListPage(ctx context.Context, params RateLimitListParams, opts ...Option) (*OrganizationRateLimitListResponse, error) {
	return call[OrganizationRateLimitListResponse](ctx, (*service)(s), "organization.rate_limits.list", credentialAdmin, opts, nil, params.validate, func(server string) (*http.Request, error) {
		return gen.NewListOrganizationRateLimitsRequest(server, &gen.ListOrganizationRateLimitsParams{Page: params.page(), Limit: params.limit(),
			GroupType: (*gen.ListOrganizationRateLimitsParamsGroupType)(nonZero(params.GroupType)), Model: nonZero(params.Model)})
	})
}

// List iterates over every organization rate-limit entry.
//
// API: GET /v1/organizations/rate_limits
func (s *OrganizationRateLimitsService) List(ctx context.Context, params RateLimitListParams, opts ...Option) iter.Seq2[OrganizationRateLimit, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]OrganizationRateLimit, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

// ListPage returns one page of a workspace's rate limits.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/rate_limits
func (s *WorkspaceRateLimitsService) ListPage(ctx context.Context, workspaceID string, params RateLimitListParams, opts ...Option) (*WorkspaceRateLimitListResponse, error) {
	return call[WorkspaceRateLimitListResponse](ctx, (*service)(s), "organization.workspaces.rate_limits.list", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID)}, params.validate, func(server string) (*http.Request, error) {
		return gen.NewListWorkspaceRateLimitsRequest(server, workspaceID, &gen.ListWorkspaceRateLimitsParams{Page: params.page(), Limit: params.limit(),
			GroupType: (*gen.ListWorkspaceRateLimitsParamsGroupType)(nonZero(params.GroupType)), IncludeInherited: nonZero(params.IncludeInherited)})
	})
}

// List iterates over every rate-limit entry of a workspace.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/rate_limits
func (s *WorkspaceRateLimitsService) List(ctx context.Context, workspaceID string, params RateLimitListParams, opts ...Option) iter.Seq2[WorkspaceRateLimit, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]WorkspaceRateLimit, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, workspaceID, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

// Update sets (a value) or clears (a nil Value) the workspace's overrides
// of one organization rate-limit entry; limiter types left out are
// unchanged. Each type may appear once; values must be positive.
//
// API: POST /v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}
func (s *WorkspaceRateLimitsService) Update(ctx context.Context, workspaceID, rateLimitID string, limits []WorkspaceRateLimitUpdateValue, opts ...Option) (*WorkspaceRateLimit, error) {
	return call[WorkspaceRateLimit](ctx, (*service)(s), "organization.workspaces.rate_limits.update", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID), id("rate_limit_id", rateLimitID)}, func() error {
		var v validator
		if len(limits) == 0 {
			v.add("limits", "must contain at least one limit")
		}
		seen := map[string]bool{}
		for i, l := range limits {
			field := "limits[" + itoa(i) + "]"
			if err := checkEnum(field+".type", string(l.Type), []string{"requests_per_minute", "input_tokens_per_minute", "input_tokens_per_minute_cache_aware", "output_tokens_per_minute", "fast_itpmca", "fast_otpm", "tokens_per_day", "tokens_per_minute", "tool_uses_per_second"}); err != nil {
				v.errs = append(v.errs, err)
			}
			if seen[string(l.Type)] {
				v.add(field+".type", "%s appears twice", l.Type)
			}
			seen[string(l.Type)] = true
			if l.Value != nil && *l.Value < 1 {
				v.add(field+".value", "must be positive, or nil to clear the override; got %d", *l.Value)
			}
		}
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateWorkspaceRateLimitRequest(server, workspaceID, rateLimitID, nil, WorkspaceRateLimitUpdateRequest{Limits: limits})
	})
}

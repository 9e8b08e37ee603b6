package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
)

// FederationRulesService creates, lists, updates and archives federation
// rules; Workspaces manages the workspaces each applies to.
type FederationRulesService struct {
	s *service
	// Workspaces: the workspaces a rule is enabled for.
	Workspaces *FederationRuleWorkspacesService
}

// FederationRuleWorkspacesService enables and disables a federation rule
// per workspace.
type FederationRuleWorkspacesService service

func validateRuleMatch(v *validator, m *FederationRuleMatchParam) {
	if m == nil {
		return
	}
	if (m.SubjectPrefix == "" || m.SubjectPrefix == "*") && len(m.Claims) == 0 && m.Condition == "" {
		v.add("match", "needs subject_prefix (not just *), claims or condition")
	}
}

// Create creates a federation rule. WorkspaceID is required unless
// AppliesToAllWorkspaces is set.
//
// API: POST /v1/organizations/federation_rules
func (s *FederationRulesService) Create(ctx context.Context, req FederationRuleCreateRequest, opts ...Option) (*FederationRule, error) {
	return call[FederationRule](ctx, s.s, "organization.federation.rules.create", credentialOrgOAuth, opts, nil, func() error {
		var v validator
		checkSlug(&v, "name", req.Name, true)
		if req.IssuerID == "" {
			v.add("issuer_id", "must not be empty")
		}
		if req.Target.ServiceAccountID == "" {
			v.add("target.service_account_id", "must not be empty")
		}
		if req.OauthScope == "" {
			v.add("oauth_scope", "must not be empty")
		}
		if req.WorkspaceID == "" && !req.AppliesToAllWorkspaces {
			v.add("workspace_id", "is required unless applies_to_all_workspaces is true")
		}
		validateRuleMatch(&v, &req.Match)
		checkRange(&v, "token_lifetime_seconds", req.TokenLifetimeSeconds, 60, 86400)
		return v.err()
	}, func(server string) (*http.Request, error) {
		if req.Target.Type == "" {
			req.Target.Type = "service_account"
		}
		return gen.NewCreateFederationRuleRequest(server, nil, req)
	})
}

// Get returns one federation rule.
//
// API: GET /v1/organizations/federation_rules/{federation_rule_id}
func (s *FederationRulesService) Get(ctx context.Context, ruleID string, opts ...Option) (*FederationRule, error) {
	return call[FederationRule](ctx, s.s, "organization.federation.rules.get", credentialOrgOAuth, opts, []pathID{id("federation_rule_id", ruleID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetFederationRuleRequest(server, ruleID, nil)
	})
}

// Update changes a federation rule; zero fields are unchanged.
//
// API: POST /v1/organizations/federation_rules/{federation_rule_id}
func (s *FederationRulesService) Update(ctx context.Context, ruleID string, req FederationRuleUpdateRequest, opts ...Option) (*FederationRule, error) {
	return call[FederationRule](ctx, s.s, "organization.federation.rules.update", credentialOrgOAuth, opts, []pathID{id("federation_rule_id", ruleID)}, func() error {
		var v validator
		checkSlug(&v, "name", req.Name, false)
		validateRuleMatch(&v, req.Match)
		checkRange(&v, "token_lifetime_seconds", req.TokenLifetimeSeconds, 60, 86400)
		if req.AppliesToAllWorkspaces != nil && !*req.AppliesToAllWorkspaces {
			v.add("applies_to_all_workspaces", "only true is accepted; disable workspaces one by one with Workspaces.Remove")
		}
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateFederationRuleRequest(server, ruleID, nil, req)
	})
}

// Archive archives a federation rule: it stops exchanging tokens.
//
// API: POST /v1/organizations/federation_rules/{federation_rule_id}/archive
func (s *FederationRulesService) Archive(ctx context.Context, ruleID string, opts ...Option) (*FederationRule, error) {
	return call[FederationRule](ctx, s.s, "organization.federation.rules.archive", credentialOrgOAuth, opts, []pathID{id("federation_rule_id", ruleID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewArchiveFederationRuleRequest(server, ruleID, nil)
	})
}

// FederationRuleListParams filters and pages the rule list.
type FederationRuleListParams struct {
	ArchivableListParams
	// IssuerID keeps only the rules of this issuer.
	IssuerID string
}

// ListPage returns one page of federation rules.
//
// API: GET /v1/organizations/federation_rules
func (s *FederationRulesService) ListPage(ctx context.Context, params FederationRuleListParams, opts ...Option) (*FederationRuleListResponse, error) {
	return call[FederationRuleListResponse](ctx, s.s, "organization.federation.rules.list", credentialOrgOAuth, opts, nil, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListFederationRulesRequest(server, &gen.ListFederationRulesParams{Page: params.page(), Limit: params.limit(), IncludeArchived: nonZero(params.IncludeArchived), IssuerID: nonZero(params.IssuerID)})
	})
}

// List iterates over every federation rule.
//
// API: GET /v1/organizations/federation_rules
func (s *FederationRulesService) List(ctx context.Context, params FederationRuleListParams, opts ...Option) iter.Seq2[FederationRule, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]FederationRule, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

// Add enables a federation rule for one more workspace.
//
// API: POST /v1/organizations/federation_rules/{federation_rule_id}/workspaces
func (s *FederationRuleWorkspacesService) Add(ctx context.Context, ruleID, workspaceID string, opts ...Option) (*FederationRuleWorkspace, error) {
	return call[FederationRuleWorkspace](ctx, (*service)(s), "organization.federation.rules.workspaces.add", credentialOrgOAuth, opts, []pathID{id("federation_rule_id", ruleID), id("workspace_id", workspaceID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewAddFederationRuleWorkspaceRequest(server, ruleID, nil, FederationRuleWorkspaceAddRequest{WorkspaceID: workspaceID})
	})
}

// Remove disables a federation rule for a workspace; removing an absent
// enablement succeeds.
//
// API: DELETE /v1/organizations/federation_rules/{federation_rule_id}/workspaces/{workspace_id}
func (s *FederationRuleWorkspacesService) Remove(ctx context.Context, ruleID, workspaceID string, opts ...Option) (*DeletedFederationRuleWorkspace, error) {
	return call[DeletedFederationRuleWorkspace](ctx, (*service)(s), "organization.federation.rules.workspaces.remove", credentialOrgOAuth, opts, []pathID{id("federation_rule_id", ruleID), id("workspace_id", workspaceID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewRemoveFederationRuleWorkspaceRequest(server, ruleID, workspaceID, nil)
	})
}

// ListPage returns one page of the workspaces a rule is enabled for.
//
// API: GET /v1/organizations/federation_rules/{federation_rule_id}/workspaces
func (s *FederationRuleWorkspacesService) ListPage(ctx context.Context, ruleID string, params CursorParams, opts ...Option) (*FederationRuleWorkspaceListResponse, error) {
	return call[FederationRuleWorkspaceListResponse](ctx, (*service)(s), "organization.federation.rules.workspaces.list", credentialOrgOAuth, opts, []pathID{id("federation_rule_id", ruleID)}, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListFederationRuleWorkspacesRequest(server, ruleID, &gen.ListFederationRuleWorkspacesParams{Page: params.page(), Limit: params.limit()})
	})
}

// List iterates over every workspace a rule is enabled for.
//
// API: GET /v1/organizations/federation_rules/{federation_rule_id}/workspaces
func (s *FederationRuleWorkspacesService) List(ctx context.Context, ruleID string, params CursorParams, opts ...Option) iter.Seq2[FederationRuleWorkspace, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]FederationRuleWorkspace, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, ruleID, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

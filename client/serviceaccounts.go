package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
)

// ServiceAccountsService creates, lists, updates and archives service
// accounts (non-human principals that API keys and federation rules act
// as); Workspaces manages the workspaces each belongs to. Its calls send the
// auth token (WithAuthToken or ANTHROPIC_AUTH_TOKEN: an OAuth token with the
// org:admin scope), not the admin key, which the API refuses here; without
// one they fail with ErrNoOrgOAuthToken before any I/O.
type ServiceAccountsService struct {
	s *service
	// Workspaces: the workspaces one service account belongs to.
	Workspaces *ServiceAccountWorkspacesService
}

// ServiceAccountWorkspacesService adds a service account to workspaces and
// removes it, from the service account's side (WorkspaceServiceAccountsService
// is the workspace's side).
type ServiceAccountWorkspacesService service

// memberRoles are the workspace roles a service account may hold.
var memberRoles = []string{"workspace_user", "workspace_developer", "workspace_restricted_developer", "workspace_admin"}

// Create creates a service account (organization_role developer unless
// set to admin).
//
// API: POST /v1/organizations/service_accounts
func (s *ServiceAccountsService) Create(ctx context.Context, req ServiceAccountCreateRequest, opts ...Option) (*ServiceAccount, error) {
	return call[ServiceAccount](ctx, s.s, "organization.service_accounts.create", credentialOrgOAuth, opts, nil, func() error {
		var v validator
		checkSlug(&v, "name", req.Name, true)
		if r := string(req.OrganizationRole); r != "" && r != "admin" && r != "developer" {
			v.add("organization_role", `must be "admin" or "developer", got %q`, r)
		}
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewCreateServiceAccountRequest(server, nil, req)
	})
}

// Get returns one service account.
//
// API: GET /v1/organizations/service_accounts/{service_account_id}
func (s *ServiceAccountsService) Get(ctx context.Context, serviceAccountID string, opts ...Option) (*ServiceAccount, error) {
	return call[ServiceAccount](ctx, s.s, "organization.service_accounts.get", credentialOrgOAuth, opts, []pathID{id("service_account_id", serviceAccountID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetServiceAccountRequest(server, serviceAccountID, nil)
	})
}

// Update changes a service account's description or organization role.
//
// API: POST /v1/organizations/service_accounts/{service_account_id}
func (s *ServiceAccountsService) Update(ctx context.Context, serviceAccountID string, req ServiceAccountUpdateRequest, opts ...Option) (*ServiceAccount, error) {
	return call[ServiceAccount](ctx, s.s, "organization.service_accounts.update", credentialOrgOAuth, opts, []pathID{id("service_account_id", serviceAccountID)}, func() error {
		if r := string(req.OrganizationRole); r != "" && r != "admin" && r != "developer" {
			return &ValidationError{Field: "organization_role", Reason: `must be "admin" or "developer", got "` + r + `"`}
		}
		return nil
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateServiceAccountRequest(server, serviceAccountID, nil, req)
	})
}

// Archive archives a service account.
//
// API: POST /v1/organizations/service_accounts/{service_account_id}/archive
func (s *ServiceAccountsService) Archive(ctx context.Context, serviceAccountID string, opts ...Option) (*ServiceAccount, error) {
	return call[ServiceAccount](ctx, s.s, "organization.service_accounts.archive", credentialOrgOAuth, opts, []pathID{id("service_account_id", serviceAccountID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewArchiveServiceAccountRequest(server, serviceAccountID, nil)
	})
}

// ListPage returns one page of service accounts.
//
// API: GET /v1/organizations/service_accounts
func (s *ServiceAccountsService) ListPage(ctx context.Context, params ArchivableListParams, opts ...Option) (*ServiceAccountListResponse, error) {
	return call[ServiceAccountListResponse](ctx, s.s, "organization.service_accounts.list", credentialOrgOAuth, opts, nil, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListServiceAccountsRequest(server, &gen.ListServiceAccountsParams{Page: params.page(), Limit: params.limit(), IncludeArchived: nonZero(params.IncludeArchived)})
	})
}

// List iterates over every service account.
//
// API: GET /v1/organizations/service_accounts
func (s *ServiceAccountsService) List(ctx context.Context, params ArchivableListParams, opts ...Option) iter.Seq2[ServiceAccount, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]ServiceAccount, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

// Add adds the service account to a workspace with a role (any but
// workspace_billing).
//
// API: POST /v1/organizations/service_accounts/{service_account_id}/workspaces
func (s *ServiceAccountWorkspacesService) Add(ctx context.Context, serviceAccountID string, req ServiceAccountWorkspaceAddRequest, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	return call[ServiceAccountWorkspaceMember](ctx, (*service)(s), "organization.service_accounts.workspaces.add", credentialOrgOAuth, opts, []pathID{id("service_account_id", serviceAccountID), id("workspace_id", req.WorkspaceID)}, func() error {
		return checkEnum("workspace_role", string(req.WorkspaceRole), memberRoles)
	}, func(server string) (*http.Request, error) {
		return gen.NewAddServiceAccountWorkspaceRequest(server, serviceAccountID, nil, req)
	})
}

// Remove removes the service account from a workspace; removing an absent
// membership succeeds.
//
// API: DELETE /v1/organizations/service_accounts/{service_account_id}/workspaces/{workspace_id}
func (s *ServiceAccountWorkspacesService) Remove(ctx context.Context, serviceAccountID, workspaceID string, opts ...Option) (*DeletedServiceAccountWorkspaceMember, error) {
	return call[DeletedServiceAccountWorkspaceMember](ctx, (*service)(s), "organization.service_accounts.workspaces.remove", credentialOrgOAuth, opts, []pathID{id("service_account_id", serviceAccountID), id("workspace_id", workspaceID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewRemoveServiceAccountWorkspaceRequest(server, serviceAccountID, workspaceID, nil)
	})
}

// ListPage returns one page of the service account's workspaces.
//
// API: GET /v1/organizations/service_accounts/{service_account_id}/workspaces
func (s *ServiceAccountWorkspacesService) ListPage(ctx context.Context, serviceAccountID string, params CursorParams, opts ...Option) (*ServiceAccountWorkspaceMemberListResponse, error) {
	return call[ServiceAccountWorkspaceMemberListResponse](ctx, (*service)(s), "organization.service_accounts.workspaces.list", credentialOrgOAuth, opts, []pathID{id("service_account_id", serviceAccountID)}, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListServiceAccountWorkspacesRequest(server, serviceAccountID, &gen.ListServiceAccountWorkspacesParams{Page: params.page(), Limit: params.limit()})
	})
}

// List iterates over every workspace of the service account.
//
// API: GET /v1/organizations/service_accounts/{service_account_id}/workspaces
func (s *ServiceAccountWorkspacesService) List(ctx context.Context, serviceAccountID string, params CursorParams, opts ...Option) iter.Seq2[ServiceAccountWorkspaceMember, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]ServiceAccountWorkspaceMember, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, serviceAccountID, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

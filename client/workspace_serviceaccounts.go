package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
)

// WorkspaceServiceAccountsService manages the service accounts of a
// workspace, from the workspace's side. Like ServiceAccountsService its calls
// send the auth token (an OAuth token with the org:admin scope), never a key.
type WorkspaceServiceAccountsService service

// Add adds a service account to the workspace with a role (any but
// workspace_billing).
//
// API: POST /v1/organizations/workspaces/{workspace_id}/service_accounts
func (s *WorkspaceServiceAccountsService) Add(ctx context.Context, workspaceID string, req WorkspaceServiceAccountAddRequest, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	return call[ServiceAccountWorkspaceMember](ctx, (*service)(s), "organization.workspaces.service_accounts.add", credentialOrgOAuth, opts, []pathID{id("workspace_id", workspaceID), id("service_account_id", req.ServiceAccountID)}, func() error {
		return checkEnum("workspace_role", string(req.WorkspaceRole), memberRoles)
	}, func(server string) (*http.Request, error) {
		return gen.NewAddWorkspaceServiceAccountRequest(server, workspaceID, nil, req)
	})
}

// Get returns a service account's membership of the workspace.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}
func (s *WorkspaceServiceAccountsService) Get(ctx context.Context, workspaceID, serviceAccountID string, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	return call[ServiceAccountWorkspaceMember](ctx, (*service)(s), "organization.workspaces.service_accounts.get", credentialOrgOAuth, opts, []pathID{id("workspace_id", workspaceID), id("service_account_id", serviceAccountID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetWorkspaceServiceAccountRequest(server, workspaceID, serviceAccountID, nil)
	})
}

// Update changes a service account's role in the workspace.
//
// API: POST /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}
func (s *WorkspaceServiceAccountsService) Update(ctx context.Context, workspaceID, serviceAccountID string, role WorkspaceServiceAccountUpdateRequestWorkspaceRole, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	return call[ServiceAccountWorkspaceMember](ctx, (*service)(s), "organization.workspaces.service_accounts.update", credentialOrgOAuth, opts, []pathID{id("workspace_id", workspaceID), id("service_account_id", serviceAccountID)}, func() error {
		return checkEnum("workspace_role", string(role), memberRoles)
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateWorkspaceServiceAccountRequest(server, workspaceID, serviceAccountID, nil, WorkspaceServiceAccountUpdateRequest{WorkspaceRole: role})
	})
}

// Remove removes a service account from the workspace; removing an absent
// membership succeeds.
//
// API: DELETE /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}
func (s *WorkspaceServiceAccountsService) Remove(ctx context.Context, workspaceID, serviceAccountID string, opts ...Option) (*DeletedServiceAccountWorkspaceMember, error) {
	return call[DeletedServiceAccountWorkspaceMember](ctx, (*service)(s), "organization.workspaces.service_accounts.remove", credentialOrgOAuth, opts, []pathID{id("workspace_id", workspaceID), id("service_account_id", serviceAccountID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewRemoveWorkspaceServiceAccountRequest(server, workspaceID, serviceAccountID, nil)
	})
}

// ListPage returns one page of the workspace's service accounts.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/service_accounts
func (s *WorkspaceServiceAccountsService) ListPage(ctx context.Context, workspaceID string, params CursorParams, opts ...Option) (*ServiceAccountWorkspaceMemberListResponse, error) {
	return call[ServiceAccountWorkspaceMemberListResponse](ctx, (*service)(s), "organization.workspaces.service_accounts.list", credentialOrgOAuth, opts, []pathID{id("workspace_id", workspaceID)}, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListWorkspaceServiceAccountsRequest(server, workspaceID, &gen.ListWorkspaceServiceAccountsParams{Page: params.page(), Limit: params.limit()})
	})
}

// List iterates over every service account of the workspace.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/service_accounts
func (s *WorkspaceServiceAccountsService) List(ctx context.Context, workspaceID string, params CursorParams, opts ...Option) iter.Seq2[ServiceAccountWorkspaceMember, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]ServiceAccountWorkspaceMember, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, workspaceID, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

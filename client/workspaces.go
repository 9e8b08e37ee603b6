package client

import (
	"context"
	"iter"
	"net/http"
	"strings"

	"github.com/claudego/claude/gen"
)

// WorkspacesService creates, lists, updates and archives workspaces; Members
// manages who belongs to each. Admin API: see OrganizationService.
type WorkspacesService struct {
	s *service
	// Members: the members of one workspace.
	Members *WorkspaceMembersService
	// RateLimits: a workspace's rate limits and overrides.
	RateLimits *WorkspaceRateLimitsService
	// ServiceAccounts: the service accounts of one workspace.
	ServiceAccounts *WorkspaceServiceAccountsService
}

// WorkspaceMembersService adds, lists, updates and removes the members of a
// workspace.
type WorkspaceMembersService service

// maxWorkspaceName is the API's documented limit for a workspace name.
const maxWorkspaceName = 40

// validateWorkspace checks a workspace create or update: the name (1 to 40
// characters; optional on update), tag keys (not starting with anthropic),
// the display color (#RRGGBB) and the data residency enums.
func validateWorkspace(name string, nameRequired bool, color string, tags map[string]string, dr *DataResidencyParam) error {
	var v validator
	if nameRequired || name != "" {
		if err := validName("name", name, maxWorkspaceName); err != nil {
			v.errs = append(v.errs, err)
		}
	}
	if color != "" && !validHexColor(color) {
		v.add("display_color", "must be a hex color like #6C5BB9, got %q", color)
	}
	for k := range tags {
		if k == "" || strings.HasPrefix(strings.ToLower(k), "anthropic") {
			v.add("tags", "key %q must be non-empty and may not begin with anthropic", k)
		}
	}
	if dr != nil {
		if g := string(dr.WorkspaceGeo); g != "" && g != "us" {
			v.add("data_residency.workspace_geo", `must be "us", got %q`, g)
		}
		if g := string(dr.DefaultInferenceGeo); g != "" && g != "global" && g != "us" {
			v.add("data_residency.default_inference_geo", `must be "global" or "us", got %q`, g)
		}
	}
	return v.err()
}

func validHexColor(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return false
		}
	}
	return true
}

// Create creates a workspace.
//
// API: POST /v1/organizations/workspaces
func (s *WorkspacesService) Create(ctx context.Context, req WorkspaceCreateRequest, opts ...Option) (*Workspace, error) {
	return call[Workspace](ctx, s.s, "organization.workspaces.create", credentialAdmin, opts, nil, func() error {
		return validateWorkspace(req.Name, true, req.DisplayColor, req.Tags, req.DataResidency)
	}, func(server string) (*http.Request, error) {
		return gen.NewCreateWorkspaceRequest(server, nil, req)
	})
}

// Get returns one workspace.
//
// API: GET /v1/organizations/workspaces/{workspace_id}
func (s *WorkspacesService) Get(ctx context.Context, workspaceID string, opts ...Option) (*Workspace, error) {
	return call[Workspace](ctx, s.s, "organization.workspaces.get", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetWorkspaceRequest(server, workspaceID, nil)
	})
}

// Update changes a workspace; zero fields keep their value.
//
// API: POST /v1/organizations/workspaces/{workspace_id}
func (s *WorkspacesService) Update(ctx context.Context, workspaceID string, req WorkspaceUpdateRequest, opts ...Option) (*Workspace, error) {
	return call[Workspace](ctx, s.s, "organization.workspaces.update", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID)}, func() error {
		return validateWorkspace(req.Name, false, req.DisplayColor, req.Tags, req.DataResidency)
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateWorkspaceRequest(server, workspaceID, nil, req)
	})
}

// Archive archives a workspace: its API keys stop working. It cannot be
// undone.
//
// API: POST /v1/organizations/workspaces/{workspace_id}/archive
func (s *WorkspacesService) Archive(ctx context.Context, workspaceID string, opts ...Option) (*Workspace, error) {
	return call[Workspace](ctx, s.s, "organization.workspaces.archive", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewArchiveWorkspaceRequest(server, workspaceID, nil)
	})
}

// WorkspaceListParams filters and pages the workspace list.
type WorkspaceListParams struct {
	ListParams
	// IncludeArchived also lists archived workspaces.
	IncludeArchived bool
	// IncludeDefault also lists the organization's default workspace.
	IncludeDefault bool
}

// ListPage returns one page of workspaces.
//
// API: GET /v1/organizations/workspaces
func (s *WorkspacesService) ListPage(ctx context.Context, params WorkspaceListParams, opts ...Option) (*WorkspaceListResponse, error) {
	return call[WorkspaceListResponse](ctx, s.s, "organization.workspaces.list", credentialAdmin, opts, nil, params.ListParams.validate, func(server string) (*http.Request, error) {
		return gen.NewListWorkspacesRequest(server, &gen.ListWorkspacesParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit(),
			IncludeArchived: nonZero(params.IncludeArchived), IncludeDefault: nonZero(params.IncludeDefault)})
	})
}

// List iterates over every workspace:
//
//	for ws, err := range c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{}) { ... }
//
// API: GET /v1/organizations/workspaces
func (s *WorkspacesService) List(ctx context.Context, params WorkspaceListParams, opts ...Option) iter.Seq2[Workspace, error] {
	return paginate(ctx, params.ListParams, func(ctx context.Context, lp ListParams) ([]Workspace, bool, string, string, error) {
		p := params
		p.ListParams = lp
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

// workspaceRoles are the roles a member may hold; Add refuses
// workspace_billing, which only the organization's billing role grants.
var workspaceRoles = []string{"workspace_user", "workspace_developer", "workspace_restricted_developer", "workspace_admin", "workspace_billing"}

// Add adds a user to a workspace with a role (any but workspace_billing).
//
// API: POST /v1/organizations/workspaces/{workspace_id}/members
func (s *WorkspaceMembersService) Add(ctx context.Context, workspaceID string, req WorkspaceMemberAddRequest, opts ...Option) (*WorkspaceMember, error) {
	return call[WorkspaceMember](ctx, (*service)(s), "organization.workspaces.members.add", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID), id("user_id", req.UserID)}, func() error {
		return checkEnum("workspace_role", string(req.WorkspaceRole), workspaceRoles[:4])
	}, func(server string) (*http.Request, error) {
		return gen.NewAddWorkspaceMemberRequest(server, workspaceID, nil, req)
	})
}

// Get returns one member of a workspace.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/members/{user_id}
func (s *WorkspaceMembersService) Get(ctx context.Context, workspaceID, userID string, opts ...Option) (*WorkspaceMember, error) {
	return call[WorkspaceMember](ctx, (*service)(s), "organization.workspaces.members.get", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID), id("user_id", userID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetWorkspaceMemberRequest(server, workspaceID, userID, nil)
	})
}

// Update changes a member's workspace role.
//
// API: POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}
func (s *WorkspaceMembersService) Update(ctx context.Context, workspaceID, userID string, role WorkspaceRole, opts ...Option) (*WorkspaceMember, error) {
	return call[WorkspaceMember](ctx, (*service)(s), "organization.workspaces.members.update", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID), id("user_id", userID)}, func() error {
		return checkEnum("workspace_role", string(role), workspaceRoles)
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateWorkspaceMemberRequest(server, workspaceID, userID, nil, WorkspaceMemberUpdateRequest{WorkspaceRole: role})
	})
}

// Remove removes a user from a workspace.
//
// API: DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}
func (s *WorkspaceMembersService) Remove(ctx context.Context, workspaceID, userID string, opts ...Option) (*DeletedWorkspaceMember, error) {
	return call[DeletedWorkspaceMember](ctx, (*service)(s), "organization.workspaces.members.remove", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID), id("user_id", userID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewRemoveWorkspaceMemberRequest(server, workspaceID, userID, nil)
	})
}

// ListPage returns one page of a workspace's members.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/members
func (s *WorkspaceMembersService) ListPage(ctx context.Context, workspaceID string, params ListParams, opts ...Option) (*WorkspaceMemberListResponse, error) {
	return call[WorkspaceMemberListResponse](ctx, (*service)(s), "organization.workspaces.members.list", credentialAdmin, opts, []pathID{id("workspace_id", workspaceID)}, params.validate, func(server string) (*http.Request, error) {
		return gen.NewListWorkspaceMembersRequest(server, workspaceID, &gen.ListWorkspaceMembersParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit()})
	})
}

// List iterates over every member of a workspace.
//
// API: GET /v1/organizations/workspaces/{workspace_id}/members
func (s *WorkspaceMembersService) List(ctx context.Context, workspaceID string, params ListParams, opts ...Option) iter.Seq2[WorkspaceMember, error] {
	return paginate(ctx, params, func(ctx context.Context, p ListParams) ([]WorkspaceMember, bool, string, string, error) {
		page, err := s.ListPage(ctx, workspaceID, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/claudego/claude/gen"
)

// OrganizationService is the Admin API: the organization, its users and
// invites, workspaces (with their members, rate limits and service
// accounts), API keys, external (CMEK) keys, workload identity federation,
// service accounts, rate limits, compliance settings, and the usage and
// cost reports. Every call authenticates with the admin key (WithAdminKey or
// ANTHROPIC_ADMIN_KEY, sk-ant-admin...), never the API key; on a client
// without one, each call fails with ErrNoAdminKey before any I/O. Lists
// come as ListPage (one page) and List (an iterator over every page).
type OrganizationService struct {
	s *service
	// Users: the organization's members.
	Users *OrganizationUsersService
	// Invites: invitations to join the organization.
	Invites *InvitesService
	// Workspaces: workspaces and their members.
	Workspaces *WorkspacesService
	// APIKeys: the organization's API keys (never their secrets).
	APIKeys *APIKeysService
	// Usage: the Messages usage report.
	Usage *UsageReportService
	// Cost: the cost report.
	Cost *CostReportService
	// ExternalKeys: customer-managed encryption key configurations.
	ExternalKeys *ExternalKeysService
	// Federation: workload identity federation issuers and rules.
	Federation *FederationService
	// ServiceAccounts: non-human principals and their workspaces.
	ServiceAccounts *ServiceAccountsService
	// RateLimits: the organization's rate limits.
	RateLimits *OrganizationRateLimitsService
	// ComplianceSettings: whether the Compliance API is enabled.
	ComplianceSettings *ComplianceSettingsService
}

// OrganizationUsersService lists, updates and removes organization users.
type OrganizationUsersService service

// InvitesService creates, lists and deletes organization invites.
type InvitesService service

// Get returns the organization the admin key belongs to.
//
// API: GET /v1/organizations/me
func (s *OrganizationService) Get(ctx context.Context, opts ...Option) (*Organization, error) {
	return call[Organization](ctx, s.s, "organization.get", credentialAdmin, opts, nil, nil, func(server string) (*http.Request, error) {
		return gen.NewGetOrganizationRequest(server, nil)
	})
}

// assignableRoles are the organization roles the API lets an admin key set.
var assignableRoles = []string{"user", "developer", "billing", "claude_code_user", "managed"}

func checkEnum(field, value string, allowed []string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return &ValidationError{Field: field, Reason: "must be one of " + strings.Join(allowed, ", ") + `; got "` + value + `"`}
}

// UserListParams filters and pages the user list.
type UserListParams struct {
	ListParams
	// Email keeps only the user with this email.
	Email string
	// Roles keeps only users with one of these roles.
	Roles []string
}

// ListPage returns one page of organization users.
//
// API: GET /v1/organizations/users
func (s *OrganizationUsersService) ListPage(ctx context.Context, params UserListParams, opts ...Option) (*OrganizationUserListResponse, error) {
	return call[OrganizationUserListResponse](ctx, (*service)(s), "organization.users.list", credentialAdmin, opts, nil, params.validate, func(server string) (*http.Request, error) {
		p := &gen.ListOrganizationUsersParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit(), Email: nonZero(params.Email)}
		if len(params.Roles) > 0 {
			p.Roles = &params.Roles
		}
		return gen.NewListOrganizationUsersRequest(server, p)
	})
}

// List iterates over every organization user (see ModelsService.List for
// the paging rules).
//
// API: GET /v1/organizations/users
func (s *OrganizationUsersService) List(ctx context.Context, params UserListParams, opts ...Option) iter.Seq2[OrganizationUser, error] {
	return paginate(ctx, params.ListParams, func(ctx context.Context, lp ListParams) ([]OrganizationUser, bool, string, string, error) {
		p := params
		p.ListParams = lp
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

// Get returns one organization user.
//
// API: GET /v1/organizations/users/{user_id}
func (s *OrganizationUsersService) Get(ctx context.Context, userID string, opts ...Option) (*OrganizationUser, error) {
	return call[OrganizationUser](ctx, (*service)(s), "organization.users.get", credentialAdmin, opts, []pathID{id("user_id", userID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetOrganizationUserRequest(server, userID, nil)
	})
}

// Update changes a user's organization role (user, developer, billing,
// claude_code_user or managed; admin cannot be granted through the API).
//
// API: POST /v1/organizations/users/{user_id}
func (s *OrganizationUsersService) Update(ctx context.Context, userID string, req OrganizationUserUpdateRequest, opts ...Option) (*OrganizationUser, error) {
	return call[OrganizationUser](ctx, (*service)(s), "organization.users.update", credentialAdmin, opts, []pathID{id("user_id", userID)}, func() error {
		return checkEnum("role", string(req.Role), assignableRoles)
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateOrganizationUserRequest(server, userID, nil, req)
	})
}

// Remove removes a user from the organization.
//
// API: DELETE /v1/organizations/users/{user_id}
func (s *OrganizationUsersService) Remove(ctx context.Context, userID string, opts ...Option) (*DeletedOrganizationUser, error) {
	return call[DeletedOrganizationUser](ctx, (*service)(s), "organization.users.remove", credentialAdmin, opts, []pathID{id("user_id", userID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewRemoveOrganizationUserRequest(server, userID, nil)
	})
}

func (p UserListParams) validate() error {
	var v validator
	if err := p.ListParams.validate(); err != nil {
		v.errs = append(v.errs, err)
	}
	for i, r := range p.Roles {
		if err := checkEnum("roles["+itoa(i)+"]", r, []string{"user", "developer", "billing", "admin", "claude_code_user", "managed", "membership_admin", "owner", "primary_owner"}); err != nil {
			v.errs = append(v.errs, err)
		}
	}
	return v.err()
}

// Create invites a user by email with a role (user, developer, billing,
// claude_code_user or managed).
//
// API: POST /v1/organizations/invites
func (s *InvitesService) Create(ctx context.Context, req OrganizationInviteCreateRequest, opts ...Option) (*OrganizationInvite, error) {
	return call[OrganizationInvite](ctx, (*service)(s), "organization.invites.create", credentialAdmin, opts, nil, func() error {
		var v validator
		if at := strings.IndexByte(req.Email, '@'); at < 1 || at == len(req.Email)-1 || strings.ContainsAny(req.Email, " \t\r\n") {
			v.add("email", "must be an email address, got %q", req.Email)
		}
		if err := checkEnum("role", string(req.Role), assignableRoles); err != nil {
			v.errs = append(v.errs, err)
		}
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewCreateOrganizationInviteRequest(server, nil, req)
	})
}

// Get returns one invite.
//
// API: GET /v1/organizations/invites/{invite_id}
func (s *InvitesService) Get(ctx context.Context, inviteID string, opts ...Option) (*OrganizationInvite, error) {
	return call[OrganizationInvite](ctx, (*service)(s), "organization.invites.get", credentialAdmin, opts, []pathID{id("invite_id", inviteID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetOrganizationInviteRequest(server, inviteID, nil)
	})
}

// Delete deletes a pending invite.
//
// API: DELETE /v1/organizations/invites/{invite_id}
func (s *InvitesService) Delete(ctx context.Context, inviteID string, opts ...Option) (*DeletedOrganizationInvite, error) {
	return call[DeletedOrganizationInvite](ctx, (*service)(s), "organization.invites.delete", credentialAdmin, opts, []pathID{id("invite_id", inviteID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewDeleteOrganizationInviteRequest(server, inviteID, nil)
	})
}

// InviteListParams filters and pages the invite list.
type InviteListParams struct {
	ListParams
	// Email keeps only invites sent to this address.
	Email string
	// Roles keeps only invites for one of these roles.
	Roles []string
	// Statuses keeps only invites in one of these states (accepted,
	// expired, pending); empty means all three.
	Statuses []string
}

// inviteStatuses are the states InviteListParams.Statuses accepts.
var inviteStatuses = []string{"accepted", "expired", "pending"}

func (p InviteListParams) validate() error {
	if err := p.ListParams.validate(); err != nil {
		return err
	}
	for i, st := range p.Statuses {
		if err := checkEnum(fmt.Sprintf("statuses[%d]", i), st, inviteStatuses); err != nil {
			return err
		}
	}
	return nil
}

// ListPage returns one page of invites.
//
// API: GET /v1/organizations/invites
func (s *InvitesService) ListPage(ctx context.Context, params InviteListParams, opts ...Option) (*OrganizationInviteListResponse, error) {
	return call[OrganizationInviteListResponse](ctx, (*service)(s), "organization.invites.list", credentialAdmin, opts, nil, params.validate, func(server string) (*http.Request, error) {
		return gen.NewListOrganizationInvitesRequest(server, &gen.ListOrganizationInvitesParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit(), Email: nonZero(params.Email),
			Roles: slicePtr(params.Roles), Statuses: slicePtr(convert[gen.ListOrganizationInvitesParamsStatuses](params.Statuses))})
	})
}

// List iterates over every invite.
//
// API: GET /v1/organizations/invites
func (s *InvitesService) List(ctx context.Context, params InviteListParams, opts ...Option) iter.Seq2[OrganizationInvite, error] {
	return paginate(ctx, params.ListParams, func(ctx context.Context, lp ListParams) ([]OrganizationInvite, bool, string, string, error) {
		p := params
		p.ListParams = lp
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

// validName checks a required name's length in characters.
func validName(field, name string, max int) error {
	n := utf8.RuneCountInString(strings.TrimSpace(name))
	if n == 0 || utf8.RuneCountInString(name) > max {
		return &ValidationError{Field: field, Reason: "must be 1 to " + itoa(max) + " characters, got " + itoa(utf8.RuneCountInString(name))}
	}
	return nil
}

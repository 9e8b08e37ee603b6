package client

import (
	"context"
	"iter"
	"net/http"
	"unicode/utf8"

	"github.com/claudego/claude/gen"
)

// UserProfilesService manages user profiles: the end users or companies a
// platform serves through the API, and the action URLs through which they
// enroll in Anthropic programs. It authenticates with the API key;
// WithWorkspaceID selects the workspace.
type UserProfilesService service

// The API's documented limits for user profiles.
const (
	maxProfileName         = 255
	maxProfileMetadata     = 16
	maxMetadataKeyLen      = 64
	maxMetadataValueLen    = 512
	maxUserProfilesPerPage = 100
)

// validateUserProfile checks the fields both create and update send: name
// length, access_type, metadata limits (16 pairs, keys up to 64 and values up
// to 512 characters; on create a value must not be empty, on update an empty
// value removes its key) and the external user details' enums and country.
func validateUserProfile(name *string, access string, metadata map[string]string, details *UserProfileExternalUserDetailsParam, update bool) error {
	var v validator
	if name != nil && utf8.RuneCountInString(*name) > maxProfileName {
		v.add("name", "must be at most %d characters, got %d", maxProfileName, utf8.RuneCountInString(*name))
	}
	switch access {
	case "", "application", "passthrough":
	default:
		v.add("access_type", `must be "application" or "passthrough", got %q`, access)
	}
	if len(metadata) > maxProfileMetadata {
		v.add("metadata", "holds %d keys, over the limit of %d", len(metadata), maxProfileMetadata)
	}
	for k, val := range metadata {
		switch {
		case k == "" || utf8.RuneCountInString(k) > maxMetadataKeyLen:
			v.add("metadata", "key %q must be 1 to %d characters", k, maxMetadataKeyLen)
		case val == "" && !update:
			v.add("metadata."+k, "must not be empty (on update, empty removes the key)")
		case utf8.RuneCountInString(val) > maxMetadataValueLen:
			v.add("metadata."+k, "must be at most %d characters", maxMetadataValueLen)
		}
	}
	if d := details; d != nil {
		switch d.AccountStatus {
		case "", "active", "suspended", "blocked":
		default:
			v.add("external_user_details.account_status", `must be "active", "suspended" or "blocked", got %q`, d.AccountStatus)
		}
		switch d.EntityType {
		case "", "individual", "business", "non_profit", "government":
		default:
			v.add("external_user_details.entity_type", `must be "individual", "business", "non_profit" or "government", got %q`, d.EntityType)
		}
		if c := d.Country; c != "" && (len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') {
			v.add("external_user_details.country", "must be an upper-case ISO 3166-1 alpha-2 code like US, got %q", c)
		}
		for field, s := range map[string]string{"email_hash": d.EmailHash, "name_hash": d.NameHash} {
			if len(s) > 255 {
				v.add("external_user_details."+field, "must be at most 255 characters")
			}
		}
	}
	return v.err()
}

// Create creates a user profile.
//
// API: POST /v1/user_profiles
func (s *UserProfilesService) Create(ctx context.Context, req UserProfileCreateRequest, opts ...Option) (*UserProfile, error) {
	return call[UserProfile](ctx, (*service)(s), "user_profiles.create", credentialAPI, opts, nil, func() error {
		return validateUserProfile(&req.Name, string(req.AccessType), req.Metadata, req.ExternalUserDetails, false)
	}, func(server string) (*http.Request, error) {
		return gen.NewCreateUserProfileRequest(server, nil, req)
	})
}

// Get returns one user profile.
//
// API: GET /v1/user_profiles/{user_profile_id}
func (s *UserProfilesService) Get(ctx context.Context, userProfileID string, opts ...Option) (*UserProfile, error) {
	return call[UserProfile](ctx, (*service)(s), "user_profiles.get", credentialAPI, opts, []pathID{id("user_profile_id", userProfileID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetUserProfileRequest(server, userProfileID, nil)
	})
}

// Update changes a user profile: fields left zero keep their value, metadata
// keys merge (an empty value removes its key).
//
// API: POST /v1/user_profiles/{user_profile_id}
func (s *UserProfilesService) Update(ctx context.Context, userProfileID string, req UserProfileUpdateRequest, opts ...Option) (*UserProfile, error) {
	return call[UserProfile](ctx, (*service)(s), "user_profiles.update", credentialAPI, opts, []pathID{id("user_profile_id", userProfileID)}, func() error {
		return validateUserProfile(req.Name, string(req.AccessType), req.Metadata, req.ExternalUserDetails, true)
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateUserProfileRequest(server, userProfileID, nil, req)
	})
}

// Delete deletes a user profile.
//
// API: DELETE /v1/user_profiles/{user_profile_id}
func (s *UserProfilesService) Delete(ctx context.Context, userProfileID string, opts ...Option) (*DeletedUserProfile, error) {
	return call[DeletedUserProfile](ctx, (*service)(s), "user_profiles.delete", credentialAPI, opts, []pathID{id("user_profile_id", userProfileID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewDeleteUserProfileRequest(server, userProfileID, nil)
	})
}

// CreateActionURL returns a short-lived URL through which the person behind
// a user profile enrolls (the API's only action today, enroll_end_user).
// Anyone holding the URL can use it until ExpiresAt: hand it over, never log
// it.
//
// API: POST /v1/user_profiles/{user_profile_id}/action_urls
func (s *UserProfilesService) CreateActionURL(ctx context.Context, userProfileID string, opts ...Option) (*UserProfileActionURL, error) {
	req := UserProfileActionURLRequest{Action: UserProfileEnrollEndUserAction{Type: "enroll_end_user"}}
	return call[UserProfileActionURL](ctx, (*service)(s), "user_profiles.action_urls.create", credentialAPI, opts, []pathID{id("user_profile_id", userProfileID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewCreateUserProfileActionURLRequest(server, userProfileID, nil, req)
	})
}

// UserProfileListParams pages and sorts the user profile list.
type UserProfileListParams struct {
	CursorParams
	// Order is "asc" or "desc" (the default).
	Order string
	// OrderBy is "created_at" (the default) or "name".
	OrderBy string
}

func (p UserProfileListParams) validate() error {
	var v validator
	if err := p.CursorParams.validate(maxUserProfilesPerPage); err != nil {
		v.errs = append(v.errs, err)
	}
	switch p.Order {
	case "", "asc", "desc":
	default:
		v.add("order", `must be "asc" or "desc", got %q`, p.Order)
	}
	switch p.OrderBy {
	case "", "created_at", "name":
	default:
		v.add("order_by", `must be "created_at" or "name", got %q`, p.OrderBy)
	}
	return v.err()
}

// ListPage returns one page of user profiles (at most 100).
//
// API: GET /v1/user_profiles
func (s *UserProfilesService) ListPage(ctx context.Context, params UserProfileListParams, opts ...Option) (*UserProfileListResponse, error) {
	return call[UserProfileListResponse](ctx, (*service)(s), "user_profiles.list", credentialAPI, opts, nil, params.validate, func(server string) (*http.Request, error) {
		return gen.NewListUserProfilesRequest(server, &gen.ListUserProfilesParams{
			Page: params.page(), Limit: params.limit(),
			Order:   (*gen.ListUserProfilesParamsOrder)(nonZero(params.Order)),
			OrderBy: (*gen.ListUserProfilesParamsOrderBy)(nonZero(params.OrderBy)),
		})
	})
}

// List iterates over every user profile, following next_page.
//
// API: GET /v1/user_profiles
func (s *UserProfilesService) List(ctx context.Context, params UserProfileListParams, opts ...Option) iter.Seq2[UserProfile, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]UserProfile, string, error) {
		p := params
		p.Page = page
		resp, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return resp.Data, resp.NextPage, nil
	})
}

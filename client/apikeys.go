package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
)

// APIKeysService lists, inspects, renames and deactivates the
// organization's API keys. The API never returns a key's secret, only a
// partial hint; keys are created in the Console. Admin API: see
// OrganizationService.
type APIKeysService service

// maxAPIKeyName is the API's documented limit for an API key name.
const maxAPIKeyName = 500

// APIKeyListParams filters and pages the API key list.
type APIKeyListParams struct {
	ListParams
	// Status keeps only keys with this status (active, inactive, archived,
	// expired).
	Status string
	// WorkspaceID keeps only the keys of this workspace.
	WorkspaceID string
	// CreatedByUserID keeps only keys this user created.
	CreatedByUserID string
}

func (p APIKeyListParams) validate() error {
	if err := p.ListParams.validate(); err != nil {
		return err
	}
	if p.Status != "" {
		return checkEnum("status", p.Status, []string{"active", "inactive", "archived", "expired"})
	}
	return nil
}

// ListPage returns one page of API keys.
//
// API: GET /v1/organizations/api_keys
func (s *APIKeysService) ListPage(ctx context.Context, params APIKeyListParams, opts ...Option) (*APIKeyListResponse, error) {
	return call[APIKeyListResponse](ctx, (*service)(s), "organization.api_keys.list", credentialAdmin, opts, nil, params.validate, func(server string) (*http.Request, error) {
		return gen.NewListAPIKeysRequest(server, &gen.ListAPIKeysParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit(),
			Status: (*gen.ListAPIKeysParamsStatus)(nonZero(params.Status)), WorkspaceID: nonZero(params.WorkspaceID), CreatedByUserID: nonZero(params.CreatedByUserID)})
	})
}

// List iterates over every API key.
//
// API: GET /v1/organizations/api_keys
func (s *APIKeysService) List(ctx context.Context, params APIKeyListParams, opts ...Option) iter.Seq2[APIKey, error] {
	return paginate(ctx, params.ListParams, func(ctx context.Context, lp ListParams) ([]APIKey, bool, string, string, error) {
		p := params
		p.ListParams = lp
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

// Get returns one API key (its hint, never its secret).
//
// API: GET /v1/organizations/api_keys/{api_key_id}
func (s *APIKeysService) Get(ctx context.Context, apiKeyID string, opts ...Option) (*APIKey, error) {
	return call[APIKey](ctx, (*service)(s), "organization.api_keys.get", credentialAdmin, opts, []pathID{id("api_key_id", apiKeyID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetAPIKeyRequest(server, apiKeyID, nil)
	})
}

// Update renames an API key or changes its status (active, inactive, or
// archived, which is final). At least one of the two must be set.
//
// API: POST /v1/organizations/api_keys/{api_key_id}
func (s *APIKeysService) Update(ctx context.Context, apiKeyID string, req APIKeyUpdateRequest, opts ...Option) (*APIKey, error) {
	return call[APIKey](ctx, (*service)(s), "organization.api_keys.update", credentialAdmin, opts, []pathID{id("api_key_id", apiKeyID)}, func() error {
		var v validator
		if req.Name == "" && req.Status == "" {
			v.add("name", "name or status must be set")
		}
		if req.Name != "" {
			if err := validName("name", req.Name, maxAPIKeyName); err != nil {
				v.errs = append(v.errs, err)
			}
		}
		if req.Status != "" {
			if err := checkEnum("status", string(req.Status), []string{"active", "inactive", "archived"}); err != nil {
				v.errs = append(v.errs, err)
			}
		}
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateAPIKeyRequest(server, apiKeyID, nil, req)
	})
}

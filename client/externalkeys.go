package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
)

// ExternalKeysService manages customer-managed encryption key (CMEK)
// configurations: AWS KMS, Google Cloud KMS or Azure Key Vault keys that
// workspaces encrypt their data with. Admin API: see OrganizationService.
type ExternalKeysService service

// Create registers an external key configuration. ProviderConfig is a
// union: set it with FromAWSExternalKeyConfigParam,
// FromGCPExternalKeyConfigParam or FromAzureExternalKeyConfigParam.
//
// API: POST /v1/organizations/external_keys
func (s *ExternalKeysService) Create(ctx context.Context, req ExternalKeyCreateRequest, opts ...Option) (*ExternalKey, error) {
	return call[ExternalKey](ctx, (*service)(s), "organization.external_keys.create", credentialAdmin, opts, nil, func() error {
		return validateProviderConfig(&req.ProviderConfig, string(req.Geo))
	}, func(server string) (*http.Request, error) {
		return gen.NewCreateExternalKeyRequest(server, nil, req)
	})
}

// validateProviderConfig checks that the union holds one of the three
// providers with its required coordinates, and the geo.
func validateProviderConfig(pc *ExternalKeyProviderConfigParam, geo string) error {
	var v validator
	if geo != "" && geo != "us" {
		v.add("geo", `must be "us", got %q`, geo)
	}
	if pc == nil {
		return v.err()
	}
	kind, err := pc.Discriminator()
	switch {
	case err != nil || kind == "":
		v.add("provider_config.type", `must be "aws", "gcp" or "azure"`)
	case kind == "aws":
		if c, _ := pc.AsAWSExternalKeyConfigParam(); c.KmsArn == "" {
			v.add("provider_config.kms_arn", "must not be empty")
		}
	case kind == "gcp":
		if c, _ := pc.AsGCPExternalKeyConfigParam(); c.KeyName == "" {
			v.add("provider_config.key_name", "must not be empty")
		}
	case kind == "azure":
		c, _ := pc.AsAzureExternalKeyConfigParam()
		for field, val := range map[string]string{"key_name": c.KeyName, "tenant_id": c.TenantID, "vault_uri": c.VaultURI} {
			if val == "" {
				v.add("provider_config."+field, "must not be empty")
			}
		}
	default:
		v.add("provider_config.type", `must be "aws", "gcp" or "azure", got %q`, kind)
	}
	return v.err()
}

// Get returns one external key configuration.
//
// API: GET /v1/organizations/external_keys/{external_key_id}
func (s *ExternalKeysService) Get(ctx context.Context, externalKeyID string, opts ...Option) (*ExternalKey, error) {
	return call[ExternalKey](ctx, (*service)(s), "organization.external_keys.get", credentialAdmin, opts, []pathID{id("external_key_id", externalKeyID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetExternalKeyRequest(server, externalKeyID, nil)
	})
}

// Update changes an external key configuration; zero fields are unchanged.
//
// API: POST /v1/organizations/external_keys/{external_key_id}
func (s *ExternalKeysService) Update(ctx context.Context, externalKeyID string, req ExternalKeyUpdateRequest, opts ...Option) (*ExternalKey, error) {
	return call[ExternalKey](ctx, (*service)(s), "organization.external_keys.update", credentialAdmin, opts, []pathID{id("external_key_id", externalKeyID)}, func() error {
		return validateProviderConfig(req.ProviderConfig, string(req.Geo))
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateExternalKeyRequest(server, externalKeyID, nil, req)
	})
}

// Delete deletes an external key configuration no workspace uses.
//
// API: DELETE /v1/organizations/external_keys/{external_key_id}
func (s *ExternalKeysService) Delete(ctx context.Context, externalKeyID string, opts ...Option) (*DeletedExternalKey, error) {
	return call[DeletedExternalKey](ctx, (*service)(s), "organization.external_keys.delete", credentialAdmin, opts, []pathID{id("external_key_id", externalKeyID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewDeleteExternalKeyRequest(server, externalKeyID, nil)
	})
}

// Validate runs an encrypt/decrypt round trip against the key. A failed
// round trip is not an error: the result's Status is "failure" and Error
// says why.
//
// API: POST /v1/organizations/external_keys/{external_key_id}/validate
func (s *ExternalKeysService) Validate(ctx context.Context, externalKeyID string, opts ...Option) (*ExternalKeyValidation, error) {
	return call[ExternalKeyValidation](ctx, (*service)(s), "organization.external_keys.validate", credentialAdmin, opts, []pathID{id("external_key_id", externalKeyID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewValidateExternalKeyRequest(server, externalKeyID, nil)
	})
}

// ListPage returns one page of external key configurations.
//
// API: GET /v1/organizations/external_keys
func (s *ExternalKeysService) ListPage(ctx context.Context, params CursorParams, opts ...Option) (*ExternalKeyListResponse, error) {
	return call[ExternalKeyListResponse](ctx, (*service)(s), "organization.external_keys.list", credentialAdmin, opts, nil, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListExternalKeysRequest(server, &gen.ListExternalKeysParams{Page: params.page(), Limit: params.limit()})
	})
}

// List iterates over every external key configuration.
//
// API: GET /v1/organizations/external_keys
func (s *ExternalKeysService) List(ctx context.Context, params CursorParams, opts ...Option) iter.Seq2[ExternalKey, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]ExternalKey, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

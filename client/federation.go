package client

import (
	"context"
	"iter"
	"net/http"
	"regexp"

	"github.com/claudego/claude/gen"
)

// FederationService is workload identity federation: Issuers are trusted
// JWT issuers (a CI system, a cloud's identity provider), Rules say which of
// their tokens exchange for access tokens of a service account. Its calls
// send the auth token (WithAuthToken or ANTHROPIC_AUTH_TOKEN: an OAuth token
// with the org:admin scope), not the admin key, which the API refuses here;
// without one they fail with ErrNoOrgOAuthToken before any I/O.
type FederationService struct {
	// Issuers: trusted JWT issuers.
	Issuers *FederationIssuersService
	// Rules: token exchange rules and the workspaces they apply to.
	Rules *FederationRulesService
}

// FederationIssuersService creates, lists, updates and archives federation
// issuers.
type FederationIssuersService service

// slugPattern is the API's rule for issuer, rule and service account names.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func checkSlug(v *validator, field, name string, required bool) {
	if name == "" && !required {
		return
	}
	if !slugPattern.MatchString(name) || len(name) > 255 {
		v.add(field, "must be a slug of lowercase letters, digits and hyphens, got %q", name)
	}
}

func checkRange(v *validator, field string, n, lo, hi int64) {
	if n != 0 && (n < lo || n > hi) {
		v.add(field, "must be between %d and %d, got %d", lo, hi, n)
	}
}

// Create registers a federation issuer.
//
// API: POST /v1/organizations/federation_issuers
func (s *FederationIssuersService) Create(ctx context.Context, req FederationIssuerCreateRequest, opts ...Option) (*FederationIssuer, error) {
	return call[FederationIssuer](ctx, (*service)(s), "organization.federation.issuers.create", credentialOrgOAuth, opts, nil, func() error {
		var v validator
		checkSlug(&v, "name", req.Name, true)
		if req.IssuerURL == "" {
			v.add("issuer_url", "must not be empty")
		}
		checkRange(&v, "max_jwt_lifetime_seconds", req.MaxJwtLifetimeSeconds, 1, 176400)
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewCreateFederationIssuerRequest(server, nil, req)
	})
}

// Get returns one federation issuer.
//
// API: GET /v1/organizations/federation_issuers/{federation_issuer_id}
func (s *FederationIssuersService) Get(ctx context.Context, issuerID string, opts ...Option) (*FederationIssuer, error) {
	return call[FederationIssuer](ctx, (*service)(s), "organization.federation.issuers.get", credentialOrgOAuth, opts, []pathID{id("federation_issuer_id", issuerID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetFederationIssuerRequest(server, issuerID, nil)
	})
}

// Update changes a federation issuer; zero fields are unchanged.
//
// API: POST /v1/organizations/federation_issuers/{federation_issuer_id}
func (s *FederationIssuersService) Update(ctx context.Context, issuerID string, req FederationIssuerUpdateRequest, opts ...Option) (*FederationIssuer, error) {
	return call[FederationIssuer](ctx, (*service)(s), "organization.federation.issuers.update", credentialOrgOAuth, opts, []pathID{id("federation_issuer_id", issuerID)}, func() error {
		var v validator
		checkSlug(&v, "name", req.Name, false)
		checkRange(&v, "max_jwt_lifetime_seconds", req.MaxJwtLifetimeSeconds, 1, 176400)
		if req.JwksPollingDisabled != nil && *req.JwksPollingDisabled {
			v.add("jwks_polling_disabled", "only false is accepted (it re-enables paused polling)")
		}
		return v.err()
	}, func(server string) (*http.Request, error) {
		return gen.NewUpdateFederationIssuerRequest(server, issuerID, nil, req)
	})
}

// Archive archives a federation issuer: rules referencing it stop
// exchanging tokens.
//
// API: POST /v1/organizations/federation_issuers/{federation_issuer_id}/archive
func (s *FederationIssuersService) Archive(ctx context.Context, issuerID string, opts ...Option) (*FederationIssuer, error) {
	return call[FederationIssuer](ctx, (*service)(s), "organization.federation.issuers.archive", credentialOrgOAuth, opts, []pathID{id("federation_issuer_id", issuerID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewArchiveFederationIssuerRequest(server, issuerID, nil)
	})
}

// ArchivableListParams pages a list that hides archived items by default.
type ArchivableListParams struct {
	CursorParams
	// IncludeArchived also lists archived items.
	IncludeArchived bool
}

// ListPage returns one page of federation issuers.
//
// API: GET /v1/organizations/federation_issuers
func (s *FederationIssuersService) ListPage(ctx context.Context, params ArchivableListParams, opts ...Option) (*FederationIssuerListResponse, error) {
	return call[FederationIssuerListResponse](ctx, (*service)(s), "organization.federation.issuers.list", credentialOrgOAuth, opts, nil, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListFederationIssuersRequest(server, &gen.ListFederationIssuersParams{Page: params.page(), Limit: params.limit(), IncludeArchived: nonZero(params.IncludeArchived)})
	})
}

// List iterates over every federation issuer.
//
// API: GET /v1/organizations/federation_issuers
func (s *FederationIssuersService) List(ctx context.Context, params ArchivableListParams, opts ...Option) iter.Seq2[FederationIssuer, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]FederationIssuer, string, error) {
		p := params
		p.Page = page
		r, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return r.Data, r.NextPage, nil
	})
}

package client

import (
	"context"
	"net/http"

	"github.com/claudego/claude/gen"
)

// ComplianceSettingsService reads and sets whether the Compliance API is
// enabled for the organization. Admin API: see OrganizationService.
type ComplianceSettingsService service

// Get returns the compliance settings.
//
// API: GET /v1/organizations/compliance_settings
func (s *ComplianceSettingsService) Get(ctx context.Context, opts ...Option) (*ComplianceSettings, error) {
	return call[ComplianceSettings](ctx, (*service)(s), "organization.compliance_settings.get", credentialAdmin, opts, nil, nil, func(server string) (*http.Request, error) {
		return gen.NewGetComplianceSettingsRequest(server, nil)
	})
}

// Update enables (true) or disables (false) the Compliance API.
//
// API: POST /v1/organizations/compliance_settings
func (s *ComplianceSettingsService) Update(ctx context.Context, enabled bool, opts ...Option) (*ComplianceSettings, error) {
	state := ComplianceStateParamType("disabled")
	if enabled {
		state = "enabled"
	}
	return call[ComplianceSettings](ctx, (*service)(s), "organization.compliance_settings.update", credentialAdmin, opts, nil, nil, func(server string) (*http.Request, error) {
		return gen.NewUpdateComplianceSettingsRequest(server, nil, ComplianceSettingsUpdateRequest{State: ComplianceStateParam{Type: state}})
	})
}

package client

// attachServices sets every service field of c, nested ones included, over
// one shared service struct. It is the one place that lists the services (as
// go-github's NewClient does): a service added to Client is added here, and
// nothing registers itself at init time (ARCHITECTURE.md, "Where each job
// lives"; tools/internal/archcheck keeps client free of init functions and
// package-level registries, and TestEveryServiceAttached fails on a field
// left nil).
func (c *Client) attachServices() {
	s := &service{client: c}
	c.Messages = (*MessagesService)(s)
	c.Models = (*ModelsService)(s)
	c.Batches = (*BatchesService)(s)
	c.Files = (*FilesService)(s)
	c.Skills = &SkillsService{s: s, Versions: (*SkillVersionsService)(s)}
	c.UserProfiles = (*UserProfilesService)(s)
	c.Organization = &OrganizationService{
		s:       s,
		Users:   (*OrganizationUsersService)(s),
		Invites: (*InvitesService)(s),
		Workspaces: &WorkspacesService{
			s:               s,
			Members:         (*WorkspaceMembersService)(s),
			RateLimits:      (*WorkspaceRateLimitsService)(s),
			ServiceAccounts: (*WorkspaceServiceAccountsService)(s),
		},
		APIKeys:      (*APIKeysService)(s),
		Usage:        (*UsageReportService)(s),
		Cost:         (*CostReportService)(s),
		ExternalKeys: (*ExternalKeysService)(s),
		Federation: &FederationService{
			Issuers: (*FederationIssuersService)(s),
			Rules:   &FederationRulesService{s: s, Workspaces: (*FederationRuleWorkspacesService)(s)},
		},
		ServiceAccounts:    &ServiceAccountsService{s: s, Workspaces: (*ServiceAccountWorkspacesService)(s)},
		RateLimits:         (*OrganizationRateLimitsService)(s),
		ComplianceSettings: (*ComplianceSettingsService)(s),
	}
}

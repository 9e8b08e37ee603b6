package client_test

import (
	"context"
	"io"
	"testing"

	"github.com/claudego/claude/client"
)

// recordedCaseNamed returns the recorded case called name.
func recordedCaseNamed(t *testing.T, name string) recordedCase {
	t.Helper()
	casesOnce.Do(func() { casesAll, casesErr = loadCases() })
	if casesErr != nil {
		t.Fatalf("loading recorded cases: %v", casesErr)
	}
	for _, c := range casesAll {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no recorded case %s", name)
	return recordedCase{}
}

// TestRecordedAccountCases decodes the cases derived from the SDK (external
// keys, federation, service accounts, rate limits, action URLs) and the
// documented Files and Batches examples through the client methods that
// call those operations, and checks a value from each: the shapes the
// replay validates against the spec are the shapes the client reads.
func TestRecordedAccountCases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const ws, svac, ekey = "wrkspc_011CZkZaBF1tNoB5wlCeusgy", "svac_01SDCCSbTxrXDpWc1phhtcfK", "ekey_01SDCCSbTxrXDpWc1phhtcfK"
	for name, check := range map[string]func(c *client.Client) (bool, error){
		"admin-external-keys-get": func(c *client.Client) (bool, error) {
			k, err := c.Organization.ExternalKeys.Get(ctx, ekey)
			if err != nil {
				return false, err
			}
			aws, err := k.ProviderConfig.AsAWSExternalKeyConfig()
			return err == nil && k.Attachment.Type == "unattached" && aws.KmsArn != "" && aws.Region == "us-east-1", err
		},
		"admin-external-keys-list": func(c *client.Client) (bool, error) {
			p, err := c.Organization.ExternalKeys.ListPage(ctx, client.CursorParams{})
			return err == nil && len(p.Data) == 1 && p.Data[0].ID == ekey && !p.HasMore, err
		},
		"admin-external-keys-validate": func(c *client.Client) (bool, error) {
			v, err := c.Organization.ExternalKeys.Validate(ctx, ekey)
			return err == nil && v.Status == "success" && v.Error == "", err
		},
		"admin-external-keys-delete": func(c *client.Client) (bool, error) {
			d, err := c.Organization.ExternalKeys.Delete(ctx, ekey)
			return err == nil && d.ID == ekey, err
		},
		"admin-federation-issuers-get": func(c *client.Client) (bool, error) {
			i, err := c.Organization.Federation.Issuers.Get(ctx, "federation_issuer_id")
			if err != nil {
				return false, err
			}
			d, err := i.Jwks.AsJWKSDiscovery()
			return err == nil && i.CheckJti && i.PollStatus != nil && i.ArchivedAt == nil && d.DiscoveryBase == "discovery_base", err
		},
		"admin-federation-issuers-archive": func(c *client.Client) (bool, error) {
			i, err := c.Organization.Federation.Issuers.Archive(ctx, "federation_issuer_id")
			return err == nil && i.ArchivedAt != nil && i.ArchivedByActorID != "", err
		},
		"admin-federation-rules-get": func(c *client.Client) (bool, error) {
			r, err := c.Organization.Federation.Rules.Get(ctx, "federation_rule_id")
			return err == nil && r.Target.ServiceAccountID == svac && len(r.WorkspaceIds) == 1 && r.Match.Claims != nil && r.TokenLifetimeSeconds == 60, err
		},
		"admin-federation-rule-workspaces-list": func(c *client.Client) (bool, error) {
			p, err := c.Organization.Federation.Rules.Workspaces.ListPage(ctx, "federation_rule_id", client.CursorParams{})
			return err == nil && len(p.Data) == 1 && p.Data[0].WorkspaceID == ws, err
		},
		"admin-service-accounts-get": func(c *client.Client) (bool, error) {
			a, err := c.Organization.ServiceAccounts.Get(ctx, svac)
			return err == nil && a.Name == "ci-deploy-bot" && a.OrganizationRole == "admin" && a.ArchivedAt == nil, err
		},
		"admin-service-account-workspaces-list": func(c *client.Client) (bool, error) {
			p, err := c.Organization.ServiceAccounts.Workspaces.ListPage(ctx, svac, client.CursorParams{})
			return err == nil && len(p.Data) == 1 && p.Data[0].WorkspaceRole == "workspace_admin" && !p.Data[0].Implicit, err
		},
		"admin-workspace-service-accounts-get": func(c *client.Client) (bool, error) {
			m, err := c.Organization.Workspaces.ServiceAccounts.Get(ctx, ws, svac)
			return err == nil && m.ServiceAccountID == svac && m.WorkspaceID == ws, err
		},
		"admin-rate-limits-list": func(c *client.Client) (bool, error) {
			p, err := c.Organization.RateLimits.ListPage(ctx, client.RateLimitListParams{})
			return err == nil && len(p.Data) == 2 && p.Data[0].Group.DisplayName == "Claude Sonnet 4.x" && len(p.Data[0].Models) == 2 &&
				p.Data[1].Group.Type == "batch" && p.Data[1].Models == nil, err
		},
		"admin-workspace-rate-limits-list": func(c *client.Client) (bool, error) {
			p, err := c.Organization.Workspaces.RateLimits.ListPage(ctx, ws, client.RateLimitListParams{})
			if err != nil || len(p.Data) != 1 || len(p.Data[0].Limits) != 2 {
				return false, err
			}
			l := p.Data[0].Limits
			return l[0].Source.Type == "workspace" && l[0].OrgLimit != nil && *l[0].OrgLimit == 4000 && l[1].OrgLimit == nil, nil
		},
		"user-profiles-action-urls-create": func(c *client.Client) (bool, error) {
			u, err := c.UserProfiles.CreateActionURL(ctx, "uprof_011CZkZCu8hGbp5mYRQgUmz9")
			return err == nil && u.URL != "" && !u.ExpiresAt.IsZero(), err
		},
		"batch-delete": func(c *client.Client) (bool, error) {
			d, err := c.Batches.Delete(ctx, "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF")
			return err == nil && d.ID == "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF", err
		},
		"files-get-metadata": func(c *client.Client) (bool, error) {
			f, err := c.Files.Get(ctx, "file_011CNha8iCJcU1wXNR6q4V8w")
			return err == nil && f.SizeBytes == 102400 && f.Downloadable != nil && !*f.Downloadable, err
		},
		"files-list": func(c *client.Client) (bool, error) {
			p, err := c.Files.ListPage(ctx, client.FileListParams{})
			return err == nil && len(p.Data) == 1 && p.HasMore && p.LastID == "last_id", err
		},
		"files-download": func(c *client.Client) (bool, error) {
			rc, err := c.Files.Download(ctx, "file_011CNha8iCJcU1wXNR6q4V8w")
			if err != nil {
				return false, err
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			return err == nil && string(b) == "name,value\nalpha,1\nbeta,2\n", err
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := setup(t, serveCase(recordedCaseNamed(t, name)), client.WithAdminKey(testAdminKey), client.WithAuthToken(testOrgToken))
			ok, err := check(c)
			if err != nil || !ok {
				t.Errorf("decoded wrongly (err %v)", err)
			}
		})
	}
}

package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/claudego/claude/client"
)

func TestFederation(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	org := c.Organization
	iss, err := org.Federation.Issuers.Create(ctx, client.FederationIssuerCreateRequest{Name: "github-actions", IssuerURL: "https://token.actions.githubusercontent.com"})
	if err != nil || !iss.CheckJti || iss.MaxJwtLifetimeSeconds != 3600 {
		t.Fatalf("Issuers.Create = %+v, %v", iss, err)
	}
	if kind, _ := iss.Jwks.Discriminator(); kind != "discovery" {
		t.Errorf("default jwks = %q, want discovery", kind)
	}
	off := false
	if iss, err = org.Federation.Issuers.Update(ctx, iss.ID, client.FederationIssuerUpdateRequest{CheckJti: &off}); err != nil || iss.CheckJti {
		t.Fatalf("Issuers.Update = %+v, %v", iss, err)
	}
	sa, err := org.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "ci-bot"})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := org.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "ci"})
	ws2, _ := org.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "ci-2"})
	rule, err := org.Federation.Rules.Create(ctx, client.FederationRuleCreateRequest{
		Name: "main-branch", IssuerID: iss.ID, OauthScope: "workspace:inference", WorkspaceID: ws.ID,
		Match:  client.FederationRuleMatchParam{SubjectPrefix: "repo:acme/app:ref:refs/heads/main"},
		Target: client.ServiceAccountTargetParam{ServiceAccountID: sa.ID},
	})
	if err != nil || rule.Target.ServiceAccountName != "ci-bot" || rule.TokenLifetimeSeconds != 3600 {
		t.Fatalf("Rules.Create = %+v, %v", rule, err)
	}
	if _, err := org.Federation.Rules.Workspaces.Add(ctx, rule.ID, ws2.ID); err != nil {
		t.Fatal(err)
	}
	if wss := collect(t, org.Federation.Rules.Workspaces.List(ctx, rule.ID, client.CursorParams{Limit: 1})); len(wss) != 2 || wss[1].WorkspaceName != "ci-2" {
		t.Fatalf("Rules.Workspaces.List = %+v", wss)
	}
	if _, err := org.Federation.Rules.Workspaces.Remove(ctx, rule.ID, ws2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := org.Federation.Rules.Workspaces.Remove(ctx, rule.ID, ws2.ID); err != nil {
		t.Errorf("second Remove should succeed (idempotent): %v", err)
	}
	desc := "deploys"
	if rule, err = org.Federation.Rules.Update(ctx, rule.ID, client.FederationRuleUpdateRequest{Description: &desc, TokenLifetimeSeconds: 600}); err != nil || rule.Description != desc || rule.TokenLifetimeSeconds != 600 {
		t.Fatalf("Rules.Update = %+v, %v", rule, err)
	}
	if got, err := org.Federation.Rules.Get(ctx, rule.ID); err != nil || got.Name != "main-branch" {
		t.Fatalf("Rules.Get = %+v, %v", got, err)
	}
	if rs := collect(t, org.Federation.Rules.List(ctx, client.FederationRuleListParams{IssuerID: iss.ID})); len(rs) != 1 {
		t.Fatalf("Rules.List = %+v", rs)
	}
	if rule, err = org.Federation.Rules.Archive(ctx, rule.ID); err != nil || rule.ArchivedAt == nil {
		t.Fatalf("Rules.Archive = %+v, %v", rule, err)
	}
	if n := len(collect(t, org.Federation.Rules.List(ctx, client.FederationRuleListParams{}))); n != 0 {
		t.Errorf("archived rule listed without include_archived")
	}
	if iss, err = org.Federation.Issuers.Archive(ctx, iss.ID); err != nil || iss.ArchivedAt == nil {
		t.Fatalf("Issuers.Archive = %+v, %v", iss, err)
	}
	if n := len(collect(t, org.Federation.Issuers.List(ctx, client.ArchivableListParams{IncludeArchived: true}))); n != 1 {
		t.Errorf("Issuers.List with archived: %d", n)
	}
	if got, err := org.Federation.Issuers.Get(ctx, iss.ID); err != nil || got.ArchivedByActorID == "" {
		t.Errorf("Issuers.Get = %+v, %v", got, err)
	}
}

func TestFederationValidation(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	f := c.Organization.Federation
	on := true
	all := false
	cases := []struct {
		name, field string
		err         error
	}{
		{"issuer slug", "name", second(f.Issuers.Create(ctx, client.FederationIssuerCreateRequest{Name: "GitHub Actions", IssuerURL: "https://x"}))},
		{"issuer url", "issuer_url", second(f.Issuers.Create(ctx, client.FederationIssuerCreateRequest{Name: "gh"}))},
		{"jwt lifetime", "max_jwt_lifetime_seconds", second(f.Issuers.Create(ctx, client.FederationIssuerCreateRequest{Name: "gh", IssuerURL: "https://x", MaxJwtLifetimeSeconds: 200000}))},
		{"polling true", "jwks_polling_disabled", second(f.Issuers.Update(ctx, "fdis_1", client.FederationIssuerUpdateRequest{JwksPollingDisabled: &on}))},
		{"rule workspace", "workspace_id", second(f.Rules.Create(ctx, client.FederationRuleCreateRequest{Name: "r", IssuerID: "i", OauthScope: "s",
			Match: client.FederationRuleMatchParam{SubjectPrefix: "repo:x"}, Target: client.ServiceAccountTargetParam{ServiceAccountID: "svac_1"}}))},
		{"wildcard match", "match", second(f.Rules.Create(ctx, client.FederationRuleCreateRequest{Name: "r", IssuerID: "i", OauthScope: "s", AppliesToAllWorkspaces: true,
			Match: client.FederationRuleMatchParam{SubjectPrefix: "*"}, Target: client.ServiceAccountTargetParam{ServiceAccountID: "svac_1"}}))},
		{"token lifetime", "token_lifetime_seconds", second(f.Rules.Update(ctx, "fdrl_1", client.FederationRuleUpdateRequest{TokenLifetimeSeconds: 30}))},
		{"all workspaces false", "applies_to_all_workspaces", second(f.Rules.Update(ctx, "fdrl_1", client.FederationRuleUpdateRequest{AppliesToAllWorkspaces: &all}))},
		{"rule id", "federation_rule_id", second(f.Rules.Workspaces.Add(ctx, "", "wrkspc_1"))},
	}
	for _, tc := range cases {
		var ve *client.ValidationError
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v, want a ValidationError on %s", tc.name, tc.err, tc.field)
		}
	}
}

// second returns the error of a (value, error) pair.
func second[T any](_ T, err error) error { return err }

package client_test

import (
	"context"
	"fmt"

	"github.com/claudego/claude/client"
)

// exampleIssuer registers the GitHub Actions issuer.
func exampleIssuer(c *client.Client) *client.FederationIssuer {
	iss, _ := c.Organization.Federation.Issuers.Create(context.Background(), client.FederationIssuerCreateRequest{Name: "github-actions", IssuerURL: "https://token.actions.githubusercontent.com"})
	return iss
}

// exampleRule creates a rule letting main-branch workflows act as a
// service account in one workspace; it returns the rule and the workspace.
func exampleRule(c *client.Client) (*client.FederationRule, string) {
	ctx := context.Background()
	sa, _ := c.Organization.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "deployer"})
	ws, _ := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "prod"})
	rule, _ := c.Organization.Federation.Rules.Create(ctx, client.FederationRuleCreateRequest{
		Name: "main-branch", IssuerID: exampleIssuer(c).ID, OauthScope: "workspace:inference", WorkspaceID: ws.ID,
		Match:  client.FederationRuleMatchParam{SubjectPrefix: "repo:acme/app:ref:refs/heads/main"},
		Target: client.ServiceAccountTargetParam{ServiceAccountID: sa.ID},
	})
	return rule, ws.ID
}

func ExampleFederationIssuersService_Create() {
	c, _, done := exampleOrg() // with WithAuthToken: federation refuses admin keys
	defer done()
	iss, err := c.Organization.Federation.Issuers.Create(context.Background(), client.FederationIssuerCreateRequest{
		Name: "github-actions", IssuerURL: "https://token.actions.githubusercontent.com",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	kind, err := iss.Jwks.Discriminator()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iss.Name, kind, iss.CheckJti)
	// Output: github-actions discovery true
}

func ExampleFederationIssuersService_Get() {
	c, _, done := exampleOrg()
	defer done()
	iss, err := c.Organization.Federation.Issuers.Get(context.Background(), exampleIssuer(c).ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iss.IssuerURL)
	// Output: https://token.actions.githubusercontent.com
}

func ExampleFederationIssuersService_Update() {
	c, _, done := exampleOrg()
	defer done()
	iss, err := c.Organization.Federation.Issuers.Update(context.Background(), exampleIssuer(c).ID, client.FederationIssuerUpdateRequest{MaxJwtLifetimeSeconds: 900})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iss.MaxJwtLifetimeSeconds)
	// Output: 900
}

func ExampleFederationIssuersService_Archive() {
	c, _, done := exampleOrg()
	defer done()
	iss, err := c.Organization.Federation.Issuers.Archive(context.Background(), exampleIssuer(c).ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iss.ArchivedAt != nil)
	// Output: true
}

func ExampleFederationIssuersService_List() {
	c, _, done := exampleOrg()
	defer done()
	exampleIssuer(c)
	for iss, err := range c.Organization.Federation.Issuers.List(context.Background(), client.ArchivableListParams{}) {
		if err == nil {
			fmt.Println(iss.Name)
		}
	}
	// Output: github-actions
}

func ExampleFederationIssuersService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	exampleIssuer(c)
	page, err := c.Organization.Federation.Issuers.ListPage(context.Background(), client.ArchivableListParams{IncludeArchived: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.NextPage == "")
	// Output: 1 true
}

func ExampleFederationRulesService_Create() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	fmt.Println(rule.Name, "->", rule.Target.ServiceAccountName, rule.TokenLifetimeSeconds)
	// Output: main-branch -> deployer 3600
}

func ExampleFederationRulesService_Get() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	got, err := c.Organization.Federation.Rules.Get(context.Background(), rule.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Match.SubjectPrefix)
	// Output: repo:acme/app:ref:refs/heads/main
}

func ExampleFederationRulesService_Update() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	rule, err := c.Organization.Federation.Rules.Update(context.Background(), rule.ID, client.FederationRuleUpdateRequest{TokenLifetimeSeconds: 900})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule.TokenLifetimeSeconds)
	// Output: 900
}

func ExampleFederationRulesService_Archive() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	rule, err := c.Organization.Federation.Rules.Archive(context.Background(), rule.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule.ArchivedAt != nil)
	// Output: true
}

func ExampleFederationRulesService_List() {
	c, _, done := exampleOrg()
	defer done()
	exampleRule(c)
	for rule, err := range c.Organization.Federation.Rules.List(context.Background(), client.FederationRuleListParams{}) {
		if err == nil {
			fmt.Println(rule.Name, rule.IssuerName)
		}
	}
	// Output: main-branch github-actions
}

func ExampleFederationRulesService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	page, err := c.Organization.Federation.Rules.ListPage(context.Background(), client.FederationRuleListParams{IssuerID: rule.IssuerID})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data))
	// Output: 1
}

func ExampleFederationRuleWorkspacesService_Add() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	rule, _ := exampleRule(c)
	staging, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "staging"})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := c.Organization.Federation.Rules.Workspaces.Add(ctx, rule.ID, staging.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Type)
	// Output: federation_rule_workspace
}

func ExampleFederationRuleWorkspacesService_Remove() {
	c, _, done := exampleOrg()
	defer done()
	rule, ws := exampleRule(c)
	del, err := c.Organization.Federation.Rules.Workspaces.Remove(context.Background(), rule.ID, ws)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: federation_rule_workspace_deleted
}

func ExampleFederationRuleWorkspacesService_List() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	for e, err := range c.Organization.Federation.Rules.Workspaces.List(context.Background(), rule.ID, client.CursorParams{}) {
		if err == nil {
			fmt.Println(e.WorkspaceName)
		}
	}
	// Output: prod
}

func ExampleFederationRuleWorkspacesService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	rule, _ := exampleRule(c)
	page, err := c.Organization.Federation.Rules.Workspaces.ListPage(context.Background(), rule.ID, client.CursorParams{Limit: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 false
}

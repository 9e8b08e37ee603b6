package client_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
)

func ExampleWithAdminKey() {
	// A client may hold both credentials: the admin key goes only to the
	// Admin API (c.Organization...), the API key to everything else.
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithAdminKey("sk-ant-admin01-test-example"), client.WithBaseURL("http://127.0.0.1:1"))
	fmt.Println(err)
	// Without an admin key, admin calls fail before any I/O.
	c, err = client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.Organization.Get(context.Background())
	fmt.Println(errors.Is(err, client.ErrNoAdminKey))
	// Output:
	// <nil>
	// true
}

func ExampleOrganizationService_Get() {
	c, _, done := exampleOrg()
	defer done()
	org, err := c.Organization.Get(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(org.Name)
	// Output: Example Org
}

func ExampleOrganizationUsersService_List() {
	c, org, done := exampleOrg()
	defer done()
	org.AddUser("ada@example.com", "Ada", "developer")
	for u, err := range c.Organization.Users.List(context.Background(), client.UserListParams{Roles: []string{"developer"}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(u.Email, u.Role)
	}
	// Output: ada@example.com developer
}

func ExampleOrganizationUsersService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	page, err := c.Organization.Users.ListPage(context.Background(), client.UserListParams{ListParams: client.ListParams{Limit: 10}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.Data[0].Role)
	// Output: 1 primary_owner
}

func ExampleOrganizationUsersService_Get() {
	c, org, done := exampleOrg()
	defer done()
	u, err := c.Organization.Users.Get(context.Background(), org.AddUser("ada@example.com", "Ada", "user"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Name)
	// Output: Ada
}

func ExampleOrganizationUsersService_Update() {
	c, org, done := exampleOrg()
	defer done()
	u, err := c.Organization.Users.Update(context.Background(), org.AddUser("ada@example.com", "Ada", "user"), client.OrganizationUserUpdateRequest{Role: "developer"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Role)
	// Output: developer
}

func ExampleOrganizationUsersService_Remove() {
	c, org, done := exampleOrg()
	defer done()
	del, err := c.Organization.Users.Remove(context.Background(), org.AddUser("ada@example.com", "Ada", "user"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: user_deleted
}

func ExampleInvitesService_Create() {
	c, _, done := exampleOrg()
	defer done()
	inv, err := c.Organization.Invites.Create(context.Background(), client.OrganizationInviteCreateRequest{Email: "grace@example.com", Role: "developer"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.Email, inv.Status)
	// Output: grace@example.com pending
}

func ExampleInvitesService_Get() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	inv, err := c.Organization.Invites.Create(ctx, client.OrganizationInviteCreateRequest{Email: "grace@example.com", Role: "user"})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := c.Organization.Invites.Get(ctx, inv.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Role)
	// Output: user
}

func ExampleInvitesService_List() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	_, err := c.Organization.Invites.Create(ctx, client.OrganizationInviteCreateRequest{Email: "grace@example.com", Role: "user"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for inv, err := range c.Organization.Invites.List(ctx, client.InviteListParams{}) {
		if err == nil {
			fmt.Println(inv.Email)
		}
	}
	// Output: grace@example.com
}

func ExampleInvitesService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	page, err := c.Organization.Invites.ListPage(context.Background(), client.InviteListParams{Email: "nobody@example.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 0 false
}

func ExampleInvitesService_Delete() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	inv, err := c.Organization.Invites.Create(ctx, client.OrganizationInviteCreateRequest{Email: "grace@example.com", Role: "user"})
	if err != nil {
		fmt.Println(err)
		return
	}
	del, err := c.Organization.Invites.Delete(ctx, inv.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: invite_deleted
}

func ExampleWorkspacesService_Create() {
	c, _, done := exampleOrg()
	defer done()
	ws, err := c.Organization.Workspaces.Create(context.Background(), client.WorkspaceCreateRequest{Name: "research", Tags: map[string]string{"team": "ml"}})
	fmt.Println(ws.Name, ws.Tags["team"], err)
	// Output: research ml <nil>
}

func ExampleWorkspacesService_Get() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "research"})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := c.Organization.Workspaces.Get(ctx, ws.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Name, got.ArchivedAt == nil)
	// Output: research true
}

func ExampleWorkspacesService_Update() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "research"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ws, err = c.Organization.Workspaces.Update(ctx, ws.ID, client.WorkspaceUpdateRequest{Name: "research-eu", DisplayColor: "#00AA88"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ws.Name, ws.DisplayColor)
	// Output: research-eu #00AA88
}

func ExampleWorkspacesService_Archive() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "old"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ws, err = c.Organization.Workspaces.Archive(ctx, ws.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ws.ArchivedAt != nil)
	// Output: true
}

func ExampleWorkspacesService_List() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	for _, name := range []string{"a", "b", "c"} {
		if _, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: name}); err != nil {
			fmt.Println(err)
			return
		}
	}
	// List fetches pages (here two per request) as the loop advances.
	for ws, err := range c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{ListParams: client.ListParams{Limit: 2}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(ws.Name, " ")
	}
	fmt.Println()
	// Output: a b c
}

func ExampleWorkspacesService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	_, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.Organization.Workspaces.ListPage(ctx, client.WorkspaceListParams{IncludeArchived: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.FirstID == page.LastID)
	// Output: 1 true
}

// exampleMember makes a workspace with one developer.
func exampleMember(c *client.Client, userID string) string {
	ctx := context.Background()
	ws, _ := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "team"})
	_, _ = c.Organization.Workspaces.Members.Add(ctx, ws.ID, client.WorkspaceMemberAddRequest{UserID: userID, WorkspaceRole: "workspace_developer"})
	return ws.ID
}

func ExampleWorkspaceMembersService_Add() {
	c, org, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "team"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := c.Organization.Workspaces.Members.Add(ctx, ws.ID, client.WorkspaceMemberAddRequest{UserID: org.AddUser("ada@example.com", "Ada", "developer"), WorkspaceRole: "workspace_developer"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.WorkspaceRole)
	// Output: workspace_developer
}

func ExampleWorkspaceMembersService_Get() {
	c, org, done := exampleOrg()
	defer done()
	uid := org.AddUser("ada@example.com", "Ada", "developer")
	m, err := c.Organization.Workspaces.Members.Get(context.Background(), exampleMember(c, uid), uid)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.UserID == uid)
	// Output: true
}

func ExampleWorkspaceMembersService_Update() {
	c, org, done := exampleOrg()
	defer done()
	uid := org.AddUser("ada@example.com", "Ada", "developer")
	m, err := c.Organization.Workspaces.Members.Update(context.Background(), exampleMember(c, uid), uid, "workspace_admin")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.WorkspaceRole)
	// Output: workspace_admin
}

func ExampleWorkspaceMembersService_Remove() {
	c, org, done := exampleOrg()
	defer done()
	uid := org.AddUser("ada@example.com", "Ada", "developer")
	del, err := c.Organization.Workspaces.Members.Remove(context.Background(), exampleMember(c, uid), uid)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: workspace_member_deleted
}

func ExampleWorkspaceMembersService_List() {
	c, org, done := exampleOrg()
	defer done()
	ws := exampleMember(c, org.AddUser("ada@example.com", "Ada", "developer"))
	for m, err := range c.Organization.Workspaces.Members.List(context.Background(), ws, client.ListParams{}) {
		if err == nil {
			fmt.Println(m.WorkspaceRole)
		}
	}
	// Output: workspace_developer
}

func ExampleWorkspaceMembersService_ListPage() {
	c, org, done := exampleOrg()
	defer done()
	ws := exampleMember(c, org.AddUser("ada@example.com", "Ada", "developer"))
	page, err := c.Organization.Workspaces.Members.ListPage(context.Background(), ws, client.ListParams{Limit: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 false
}

func ExampleAPIKeysService_List() {
	c, org, done := exampleOrg()
	defer done()
	org.AddAPIKey("ci", "wrkspc_a")
	for k, err := range c.Organization.APIKeys.List(context.Background(), client.APIKeyListParams{Status: "active"}) {
		if err == nil {
			fmt.Println(k.Name, k.Status)
		}
	}
	// Output: ci active
}

func ExampleAPIKeysService_ListPage() {
	c, org, done := exampleOrg()
	defer done()
	org.AddAPIKey("ci", "wrkspc_a")
	page, err := c.Organization.APIKeys.ListPage(context.Background(), client.APIKeyListParams{WorkspaceID: "wrkspc_a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data))
	// Output: 1
}

func ExampleAPIKeysService_Get() {
	c, org, done := exampleOrg()
	defer done()
	k, err := c.Organization.APIKeys.Get(context.Background(), org.AddAPIKey("ci", "wrkspc_a"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Name, k.PartialKeyHint != "") // only a hint, never the secret
	// Output: ci true
}

func ExampleAPIKeysService_Update() {
	c, org, done := exampleOrg()
	defer done()
	k, err := c.Organization.APIKeys.Update(context.Background(), org.AddAPIKey("ci", "wrkspc_a"), client.APIKeyUpdateRequest{Status: "inactive"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Status)
	// Output: inactive
}

// orgtestUsage is one served call of model, for the reports.
func orgtestUsage(at time.Time, model string, in, out int64) orgtest.Usage {
	return orgtest.Usage{Time: at, Model: model, InputTokens: in, OutputTokens: out}
}

func ExampleUsageReportService_List() {
	c, org, done := exampleOrg()
	defer done()
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	org.Now = func() time.Time { return day.Add(48 * time.Hour) }
	org.RecordUsage(orgtestUsage(day.Add(time.Hour), "claude-haiku-4-5", 1200, 300))
	org.RecordUsage(orgtestUsage(day.Add(25*time.Hour), "claude-sonnet-4-5", 800, 90))
	for b, err := range c.Organization.Usage.List(context.Background(), client.UsageReportParams{StartingAt: day, GroupBy: []string{"model"}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range b.Results {
			fmt.Println(b.StartingAt.Format("2006-01-02"), r.Model, r.UncachedInputTokens, r.OutputTokens)
		}
	}
	// Output:
	// 2026-03-01 claude-haiku-4-5 1200 300
	// 2026-03-02 claude-sonnet-4-5 800 90
}

func ExampleUsageReportService_ListPage() {
	c, org, done := exampleOrg()
	defer done()
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	org.Now = func() time.Time { return day.Add(48 * time.Hour) }
	page, err := c.Organization.Usage.ListPage(context.Background(), client.UsageReportParams{StartingAt: day, BucketWidth: "1h", Limit: 24})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 24 true
}

func ExampleCostReportService_List() {
	c, org, done := exampleOrg()
	defer done()
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	org.Now = func() time.Time { return day.Add(24 * time.Hour) }
	org.RecordUsage(orgtestUsage(day.Add(time.Hour), "claude-haiku-4-5", 1_000_000, 0))
	for b, err := range c.Organization.Cost.List(context.Background(), client.CostReportParams{StartingAt: day}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range b.Results {
			fmt.Println(r.Amount, "cents", r.Currency) // one million haiku input tokens: $1
		}
	}
	// Output: 100 cents USD
}

func ExampleCostReportService_ListPage() {
	c, org, done := exampleOrg()
	defer done()
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	org.Now = func() time.Time { return day.Add(10 * 24 * time.Hour) }
	page, err := c.Organization.Cost.ListPage(context.Background(), client.CostReportParams{StartingAt: day})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), "days on the first page; more:", page.HasMore)
	// Output: 7 days on the first page; more: true
}

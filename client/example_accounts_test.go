package client_test

import (
	"context"
	"fmt"

	"github.com/claudego/claude/client"
)

// exampleAccount creates a service account and a workspace it belongs to.
func exampleAccount(c *client.Client) (saID, wsID string) {
	ctx := context.Background()
	sa, _ := c.Organization.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "etl"})
	ws, _ := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "data"})
	_, _ = c.Organization.Workspaces.ServiceAccounts.Add(ctx, ws.ID, client.WorkspaceServiceAccountAddRequest{ServiceAccountID: sa.ID, WorkspaceRole: "workspace_developer"})
	return sa.ID, ws.ID
}

func ExampleServiceAccountsService_Create() {
	c, _, done := exampleOrg() // with WithAuthToken: service accounts refuse admin keys
	defer done()
	sa, err := c.Organization.ServiceAccounts.Create(context.Background(), client.ServiceAccountCreateRequest{Name: "etl", Description: "nightly loads"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sa.Name, sa.OrganizationRole)
	// Output: etl developer
}

func ExampleServiceAccountsService_Get() {
	c, _, done := exampleOrg()
	defer done()
	sa, _ := exampleAccount(c)
	got, err := c.Organization.ServiceAccounts.Get(context.Background(), sa)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Name)
	// Output: etl
}

func ExampleServiceAccountsService_Update() {
	c, _, done := exampleOrg()
	defer done()
	sa, _ := exampleAccount(c)
	desc := "hourly loads"
	got, err := c.Organization.ServiceAccounts.Update(context.Background(), sa, client.ServiceAccountUpdateRequest{Description: &desc})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Description)
	// Output: hourly loads
}

func ExampleServiceAccountsService_Archive() {
	c, _, done := exampleOrg()
	defer done()
	sa, _ := exampleAccount(c)
	got, err := c.Organization.ServiceAccounts.Archive(context.Background(), sa)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.ArchivedAt != nil)
	// Output: true
}

func ExampleServiceAccountsService_List() {
	c, _, done := exampleOrg()
	defer done()
	exampleAccount(c)
	for sa, err := range c.Organization.ServiceAccounts.List(context.Background(), client.ArchivableListParams{}) {
		if err == nil {
			fmt.Println(sa.Name)
		}
	}
	// Output: etl
}

func ExampleServiceAccountsService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	exampleAccount(c)
	page, err := c.Organization.ServiceAccounts.ListPage(context.Background(), client.ArchivableListParams{CursorParams: client.CursorParams{Limit: 5}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data))
	// Output: 1
}

func ExampleServiceAccountWorkspacesService_Add() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	sa, _ := exampleAccount(c)
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "reports"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := c.Organization.ServiceAccounts.Workspaces.Add(ctx, sa, client.ServiceAccountWorkspaceAddRequest{WorkspaceID: ws.ID, WorkspaceRole: "workspace_user"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.WorkspaceRole)
	// Output: workspace_user
}

func ExampleServiceAccountWorkspacesService_Remove() {
	c, _, done := exampleOrg()
	defer done()
	sa, ws := exampleAccount(c)
	del, err := c.Organization.ServiceAccounts.Workspaces.Remove(context.Background(), sa, ws)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: service_account_workspace_member_deleted
}

func ExampleServiceAccountWorkspacesService_List() {
	c, _, done := exampleOrg()
	defer done()
	sa, ws := exampleAccount(c)
	for m, err := range c.Organization.ServiceAccounts.Workspaces.List(context.Background(), sa, client.CursorParams{}) {
		if err == nil {
			fmt.Println(m.WorkspaceID == ws, m.WorkspaceRole)
		}
	}
	// Output: true workspace_developer
}

func ExampleServiceAccountWorkspacesService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	sa, _ := exampleAccount(c)
	page, err := c.Organization.ServiceAccounts.Workspaces.ListPage(context.Background(), sa, client.CursorParams{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data))
	// Output: 1
}

func ExampleWorkspaceServiceAccountsService_Add() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	sa, err := c.Organization.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "bot"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "team"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := c.Organization.Workspaces.ServiceAccounts.Add(ctx, ws.ID, client.WorkspaceServiceAccountAddRequest{ServiceAccountID: sa.ID, WorkspaceRole: "workspace_developer"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.ServiceAccountID == sa.ID)
	// Output: true
}

func ExampleWorkspaceServiceAccountsService_Get() {
	c, _, done := exampleOrg()
	defer done()
	sa, ws := exampleAccount(c)
	m, err := c.Organization.Workspaces.ServiceAccounts.Get(context.Background(), ws, sa)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.WorkspaceRole)
	// Output: workspace_developer
}

func ExampleWorkspaceServiceAccountsService_Update() {
	c, _, done := exampleOrg()
	defer done()
	sa, ws := exampleAccount(c)
	m, err := c.Organization.Workspaces.ServiceAccounts.Update(context.Background(), ws, sa, "workspace_admin")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.WorkspaceRole)
	// Output: workspace_admin
}

func ExampleWorkspaceServiceAccountsService_Remove() {
	c, _, done := exampleOrg()
	defer done()
	sa, ws := exampleAccount(c)
	del, err := c.Organization.Workspaces.ServiceAccounts.Remove(context.Background(), ws, sa)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: service_account_workspace_member_deleted
}

func ExampleWorkspaceServiceAccountsService_List() {
	c, _, done := exampleOrg()
	defer done()
	_, ws := exampleAccount(c)
	n := 0
	for _, err := range c.Organization.Workspaces.ServiceAccounts.List(context.Background(), ws, client.CursorParams{}) {
		if err == nil {
			n++
		}
	}
	fmt.Println(n)
	// Output: 1
}

func ExampleWorkspaceServiceAccountsService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	_, ws := exampleAccount(c)
	page, err := c.Organization.Workspaces.ServiceAccounts.ListPage(context.Background(), ws, client.CursorParams{Limit: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 false
}

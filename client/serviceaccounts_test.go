package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/claudego/claude/client"
)

func TestServiceAccounts(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	org := c.Organization
	sa, err := org.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "etl", Description: "nightly"})
	if err != nil || sa.OrganizationRole != "developer" {
		t.Fatalf("Create = %+v, %v", sa, err)
	}
	d := "hourly"
	if sa, err = org.ServiceAccounts.Update(ctx, sa.ID, client.ServiceAccountUpdateRequest{Description: &d, OrganizationRole: "admin"}); err != nil || sa.Description != d || sa.OrganizationRole != "admin" {
		t.Fatalf("Update = %+v, %v", sa, err)
	}
	ws, _ := org.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "data"})
	ws2, _ := org.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "data-2"})
	if _, err := org.ServiceAccounts.Workspaces.Add(ctx, sa.ID, client.ServiceAccountWorkspaceAddRequest{WorkspaceID: ws.ID, WorkspaceRole: "workspace_developer"}); err != nil {
		t.Fatal(err)
	}
	if _, err := org.Workspaces.ServiceAccounts.Add(ctx, ws2.ID, client.WorkspaceServiceAccountAddRequest{ServiceAccountID: sa.ID, WorkspaceRole: "workspace_user"}); err != nil {
		t.Fatal(err)
	}
	if ms := collect(t, org.ServiceAccounts.Workspaces.List(ctx, sa.ID, client.CursorParams{Limit: 1})); len(ms) != 2 {
		t.Fatalf("ServiceAccounts.Workspaces.List = %+v", ms)
	}
	m, err := org.Workspaces.ServiceAccounts.Update(ctx, ws2.ID, sa.ID, "workspace_admin")
	if err != nil || m.WorkspaceRole != "workspace_admin" {
		t.Fatalf("Workspaces.ServiceAccounts.Update = %+v, %v", m, err)
	}
	if m, err := org.Workspaces.ServiceAccounts.Get(ctx, ws2.ID, sa.ID); err != nil || m.WorkspaceRole != "workspace_admin" {
		t.Fatalf("Get = %+v, %v", m, err)
	}
	if ms := collect(t, org.Workspaces.ServiceAccounts.List(ctx, ws.ID, client.CursorParams{})); len(ms) != 1 || ms[0].ServiceAccountID != sa.ID {
		t.Fatalf("Workspaces.ServiceAccounts.List = %+v", ms)
	}
	if _, err := org.Workspaces.ServiceAccounts.Remove(ctx, ws2.ID, sa.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := org.ServiceAccounts.Workspaces.Remove(ctx, sa.ID, ws.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := org.Workspaces.ServiceAccounts.Get(ctx, ws.ID, sa.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Remove: %v", err)
	}
	if sa, err = org.ServiceAccounts.Archive(ctx, sa.ID); err != nil || sa.ArchivedAt == nil {
		t.Fatalf("Archive = %+v, %v", sa, err)
	}
	if got, err := org.ServiceAccounts.Get(ctx, sa.ID); err != nil || got.ArchivedAt == nil {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if n := len(collect(t, org.ServiceAccounts.List(ctx, client.ArchivableListParams{}))); n != 0 {
		t.Errorf("archived account listed by default")
	}

	for name, tc := range map[string]struct {
		err   error
		field string
	}{
		"slug":         {second(org.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "ETL bot"})), "name"},
		"org role":     {second(org.ServiceAccounts.Create(ctx, client.ServiceAccountCreateRequest{Name: "etl", OrganizationRole: "owner"})), "organization_role"},
		"billing role": {second(org.ServiceAccounts.Workspaces.Add(ctx, "svac_1", client.ServiceAccountWorkspaceAddRequest{WorkspaceID: "w", WorkspaceRole: "workspace_billing"})), "workspace_role"},
		"workspace id": {second(org.ServiceAccounts.Workspaces.Add(ctx, "svac_1", client.ServiceAccountWorkspaceAddRequest{WorkspaceRole: "workspace_user"})), "workspace_id"},
		"update role":  {second(org.Workspaces.ServiceAccounts.Update(ctx, "w", "svac_1", "workspace_billing")), "workspace_role"},
	} {
		var ve *client.ValidationError
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v, want a ValidationError on %s", name, tc.err, tc.field)
		}
	}
}

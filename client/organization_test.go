package client_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
)

// setupOrg starts the in-memory organization on loopback and a client with
// both an API key and an admin key pointed at it.
func setupOrg(t *testing.T) (*client.Client, *orgtest.Server) {
	t.Helper()
	org := orgtest.New()
	srv := httptest.NewServer(org.Handler())
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey(testAdminKey), client.WithAuthToken(testOrgToken), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, org
}

// collect drains an iterator, failing the test on an error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("iterating: %v", err)
		}
		out = append(out, v)
	}
	return out
}

func TestOrganizationUsersAndInvites(t *testing.T) {
	t.Parallel()
	c, org := setupOrg(t)
	ctx := context.Background()
	me, err := c.Organization.Get(ctx)
	if err != nil || me.Name != "Example Org" {
		t.Fatalf("Get = %+v, %v", me, err)
	}
	for i, e := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		org.AddUser(e, "User "+string(rune('A'+i)), "developer")
	}
	users := collect(t, c.Organization.Users.List(ctx, client.UserListParams{ListParams: client.ListParams{Limit: 1}}))
	if len(users) != 4 {
		t.Fatalf("List with limit 1 paged to %d users, want 4", len(users))
	}
	devs := collect(t, c.Organization.Users.List(ctx, client.UserListParams{Roles: []string{"developer"}}))
	if len(devs) != 3 {
		t.Errorf("roles[] filter kept %d users, want 3", len(devs))
	}
	u, err := c.Organization.Users.Update(ctx, users[1].ID, client.OrganizationUserUpdateRequest{Role: "billing"})
	if err != nil || u.Role != "billing" {
		t.Fatalf("Update = %+v, %v", u, err)
	}
	if _, err := c.Organization.Users.Remove(ctx, users[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organization.Users.Get(ctx, users[1].ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Remove: %v, want ErrNotFound", err)
	}

	inv, err := c.Organization.Invites.Create(ctx, client.OrganizationInviteCreateRequest{Email: "new@example.com", Role: "user"})
	if err != nil || inv.Status != "pending" || !inv.ExpiresAt.After(inv.InvitedAt) {
		t.Fatalf("Create = %+v, %v", inv, err)
	}
	if got, err := c.Organization.Invites.Get(ctx, inv.ID); err != nil || got.Email != "new@example.com" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if page, err := c.Organization.Invites.ListPage(ctx, client.InviteListParams{Email: "new@example.com"}); err != nil || len(page.Data) != 1 {
		t.Fatalf("ListPage = %+v, %v", page, err)
	}
	if _, err := c.Organization.Invites.Delete(ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organization.Invites.Delete(ctx, inv.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
}

func TestOrganizationValidation(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	cases := []struct {
		name, field string
		call        func() error
	}{
		{"user id", "user_id", func() error { _, err := c.Organization.Users.Get(ctx, ""); return err }},
		{"admin role", "role", func() error {
			_, err := c.Organization.Users.Update(ctx, "user_1", client.OrganizationUserUpdateRequest{Role: "admin"})
			return err
		}},
		{"invite email", "email", func() error {
			_, err := c.Organization.Invites.Create(ctx, client.OrganizationInviteCreateRequest{Email: "nobody", Role: "user"})
			return err
		}},
		{"roles filter", "roles[0]", func() error {
			_, err := c.Organization.Users.ListPage(ctx, client.UserListParams{Roles: []string{"root"}})
			return err
		}},
		{"limit", "limit", func() error {
			_, err := c.Organization.Invites.ListPage(ctx, client.InviteListParams{ListParams: client.ListParams{Limit: 1001}})
			return err
		}},
		{"workspace name", "name", func() error {
			_, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "this workspace name is longer than forty characters"})
			return err
		}},
		{"workspace color", "display_color", func() error {
			_, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "ok", DisplayColor: "purple"})
			return err
		}},
		{"workspace tags", "tags", func() error {
			_, err := c.Organization.Workspaces.Update(ctx, "wrkspc_1", client.WorkspaceUpdateRequest{Tags: map[string]string{"anthropic-team": "x"}})
			return err
		}},
		{"member billing role", "workspace_role", func() error {
			_, err := c.Organization.Workspaces.Members.Add(ctx, "wrkspc_1", client.WorkspaceMemberAddRequest{UserID: "user_1", WorkspaceRole: "workspace_billing"})
			return err
		}},
		{"member workspace id", "workspace_id", func() error {
			_, err := c.Organization.Workspaces.Members.Get(ctx, "", "user_1")
			return err
		}},
		{"api key update empty", "name", func() error {
			_, err := c.Organization.APIKeys.Update(ctx, "apikey_1", client.APIKeyUpdateRequest{})
			return err
		}},
		{"api key status filter", "status", func() error {
			_, err := c.Organization.APIKeys.ListPage(ctx, client.APIKeyListParams{Status: "deleted"})
			return err
		}},
	}
	for _, tc := range cases {
		err := tc.call()
		var ve *client.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: err = %v, want a ValidationError on %s", tc.name, err, tc.field)
		}
	}
}

func TestWorkspacesMembersAndKeys(t *testing.T) {
	t.Parallel()
	c, org := setupOrg(t)
	ctx := context.Background()
	var ids []string
	for _, name := range []string{"alpha", "beta", "gamma"} {
		ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: name, Tags: map[string]string{"team": name}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ws.ID)
	}
	all := collect(t, c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{ListParams: client.ListParams{Limit: 2}}))
	if len(all) != 3 || all[2].Name != "gamma" {
		t.Fatalf("List paged to %+v", all)
	}
	back := collect(t, c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{ListParams: client.ListParams{BeforeID: ids[2], Limit: 1}}))
	if len(back) != 2 {
		t.Errorf("backward paging from %s gave %d workspaces, want 2", ids[2], len(back))
	}
	ws, err := c.Organization.Workspaces.Update(ctx, ids[0], client.WorkspaceUpdateRequest{Name: "alpha-2"})
	if err != nil || ws.Name != "alpha-2" || ws.Tags["team"] != "alpha" {
		t.Fatalf("Update = %+v, %v", ws, err)
	}
	if ws, err = c.Organization.Workspaces.Archive(ctx, ids[1]); err != nil || ws.ArchivedAt == nil {
		t.Fatalf("Archive = %+v, %v", ws, err)
	}
	if n := len(collect(t, c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{}))); n != 2 {
		t.Errorf("List without archived: %d, want 2", n)
	}
	if n := len(collect(t, c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{IncludeArchived: true}))); n != 3 {
		t.Errorf("List with archived: %d, want 3", n)
	}
	if got, err := c.Organization.Workspaces.Get(ctx, ids[1]); err != nil || got.ArchivedAt == nil {
		t.Errorf("Get archived = %+v, %v", got, err)
	}

	uid := org.AddUser("dev@example.com", "Dev", "developer")
	m, err := c.Organization.Workspaces.Members.Add(ctx, ids[0], client.WorkspaceMemberAddRequest{UserID: uid, WorkspaceRole: "workspace_developer"})
	if err != nil || m.WorkspaceID != ids[0] {
		t.Fatalf("Add = %+v, %v", m, err)
	}
	if m, err = c.Organization.Workspaces.Members.Update(ctx, ids[0], uid, "workspace_admin"); err != nil || m.WorkspaceRole != "workspace_admin" {
		t.Fatalf("Update = %+v, %v", m, err)
	}
	if got, err := c.Organization.Workspaces.Members.Get(ctx, ids[0], uid); err != nil || got.WorkspaceRole != "workspace_admin" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if members := collect(t, c.Organization.Workspaces.Members.List(ctx, ids[0], client.ListParams{})); len(members) != 1 {
		t.Fatalf("List = %+v", members)
	}
	if _, err := c.Organization.Workspaces.Members.Remove(ctx, ids[0], uid); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organization.Workspaces.Members.Get(ctx, ids[0], uid); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Remove: %v", err)
	}
	if _, err := c.Organization.Workspaces.Get(ctx, "wrkspc_nope"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get unknown workspace: %v", err)
	}

	kid := org.AddAPIKey("ci", ids[0])
	org.AddAPIKey("other", ids[2])
	k, err := c.Organization.APIKeys.Update(ctx, kid, client.APIKeyUpdateRequest{Name: "ci-renamed", Status: "inactive"})
	if err != nil || k.Name != "ci-renamed" || k.Status != "inactive" {
		t.Fatalf("Update = %+v, %v", k, err)
	}
	if k, err = c.Organization.APIKeys.Get(ctx, kid); err != nil || k.Status != "inactive" {
		t.Fatalf("Get = %+v, %v", k, err)
	}
	if keys := collect(t, c.Organization.APIKeys.List(ctx, client.APIKeyListParams{WorkspaceID: ids[0]})); len(keys) != 1 || keys[0].ID != kid {
		t.Errorf("List by workspace = %+v", keys)
	}
	if keys := collect(t, c.Organization.APIKeys.List(ctx, client.APIKeyListParams{Status: "active"})); len(keys) != 1 {
		t.Errorf("List by status = %+v", keys)
	}
}

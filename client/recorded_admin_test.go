package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/claudego/claude/client"
)

// TestRecordedAdminCases decodes the documented Admin API examples in
// testdata/recorded through the client methods that call those endpoints.
func TestRecordedAdminCases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, rc := range recordedCases(t, "/v1/organizations/users/{user_id}", "/v1/organizations/workspaces/{workspace_id}",
		"/v1/organizations/workspaces", "/v1/organizations/usage_report/messages", "/v1/organizations/cost_report",
		"/v1/organizations/api_keys/{api_key_id}", "/v1/organizations/invites/{invite_id}") {
		if rc.Method != "GET" {
			continue // the create, update and archive examples of these paths have their own shapes
		}
		c := setup(t, serveCase(rc), client.WithAdminKey(testAdminKey))
		var err error
		switch rc.Endpoint {
		case "/v1/organizations/users/{user_id}":
			var u *client.OrganizationUser
			if u, err = c.Organization.Users.Get(ctx, "user_01WCz1FkmYMm4gnmykNKUu3Q"); err == nil && (u.Email == "" || u.Role == "" || u.AddedAt.IsZero()) {
				t.Errorf("%s: decoded %+v", rc.Name, u)
			}
		case "/v1/organizations/workspaces/{workspace_id}":
			var ws *client.Workspace
			if ws, err = c.Organization.Workspaces.Get(ctx, "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"); err == nil && (ws.ArchivedAt == nil || ws.DisplayColor == "") {
				t.Errorf("%s: decoded %+v", rc.Name, ws)
			}
		case "/v1/organizations/workspaces":
			var page *client.WorkspaceListResponse
			if page, err = c.Organization.Workspaces.ListPage(ctx, client.WorkspaceListParams{}); err == nil && (len(page.Data) != 1 || !page.HasMore || page.LastID != "last_id") {
				t.Errorf("%s: decoded %+v", rc.Name, page)
			}
		case "/v1/organizations/usage_report/messages":
			var r *client.UsageReport
			if r, err = c.Organization.Usage.ListPage(ctx, client.UsageReportParams{StartingAt: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)}); err == nil &&
				(r.NextPage == "" || r.Data[0].Results[0].CacheCreation.Ephemeral1HInputTokens != 1000 || r.Data[0].Results[0].ServerToolUse.WebSearchRequests != 10) {
				t.Errorf("%s: decoded %+v", rc.Name, r)
			}
		case "/v1/organizations/api_keys/{api_key_id}":
			var k *client.APIKey
			if k, err = c.Organization.APIKeys.Get(ctx, "apikey_01Rj2N8SVvo6BePZj99NhmiT"); err == nil && (k.CreatedBy == nil || k.CreatedBy.Type != "user" || k.PartialKeyHint == "" || k.Scope != nil) {
				t.Errorf("%s: decoded %+v", rc.Name, k)
			}
		case "/v1/organizations/invites/{invite_id}":
			var inv *client.OrganizationInvite
			if inv, err = c.Organization.Invites.Get(ctx, "invite_015gWxCN9Hfg2QhZwTK7Mdeu"); err == nil && (inv.Status != "pending" || inv.AcceptedAt != nil || inv.ExpiresAt.IsZero()) {
				t.Errorf("%s: decoded %+v", rc.Name, inv)
			}
		case "/v1/organizations/cost_report":
			var r *client.CostReport
			if r, err = c.Organization.Cost.ListPage(ctx, client.CostReportParams{StartingAt: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)}); err == nil &&
				(r.HasMore || r.Data[0].Results[0].Amount != "123.45" || r.Data[0].Results[0].TokenType == "") {
				t.Errorf("%s: decoded %+v", rc.Name, r)
			}
		}
		if err != nil {
			t.Errorf("%s: %v", rc.Name, err)
		}
	}
}

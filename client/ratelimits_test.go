package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/claudego/claude/client"
)

func TestRateLimitsAndCompliance(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	org := c.Organization
	all := collect(t, org.RateLimits.List(ctx, client.RateLimitListParams{CursorParams: client.CursorParams{Limit: 1}}))
	if len(all) != 3 {
		t.Fatalf("RateLimits.List paged to %d entries, want 3", len(all))
	}
	page, err := org.RateLimits.ListPage(ctx, client.RateLimitListParams{Model: "claude-haiku-4-5"})
	if err != nil || len(page.Data) != 1 || page.Data[0].Group.DisplayName != "Claude Haiku 4.x" {
		t.Fatalf("ListPage by model = %+v, %v", page, err)
	}
	ws, _ := org.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "limited"})
	rpm := int64(100)
	e, err := org.Workspaces.RateLimits.Update(ctx, ws.ID, page.Data[0].ID, []client.WorkspaceRateLimitUpdateValue{{Type: "requests_per_minute", Value: &rpm}})
	if err != nil || len(e.Limits) != 1 || e.Limits[0].Value != 100 || e.Limits[0].Source.Type != "workspace" || e.Limits[0].OrgLimit == nil {
		t.Fatalf("Update = %+v, %v", e, err)
	}
	if got := collect(t, org.Workspaces.RateLimits.List(ctx, ws.ID, client.RateLimitListParams{})); len(got) != 1 {
		t.Fatalf("workspace overrides = %+v", got)
	}
	if got := collect(t, org.Workspaces.RateLimits.List(ctx, ws.ID, client.RateLimitListParams{IncludeInherited: true})); len(got) != 3 {
		t.Fatalf("with inherited = %d entries, want 3", len(got))
	}
	if e, err = org.Workspaces.RateLimits.Update(ctx, ws.ID, page.Data[0].ID, []client.WorkspaceRateLimitUpdateValue{{Type: "requests_per_minute"}}); err != nil || len(e.Limits) != 0 {
		t.Fatalf("clearing the override = %+v, %v", e, err)
	}

	// Every limiter type the spec lists passes validation, the SDK v1.84.0
	// ones the hand-written list once lacked included.
	for _, typ := range []client.WorkspaceRateLimitUpdateValueType{client.WorkspaceRateLimitUpdateValueTypeTokensPerDay,
		client.WorkspaceRateLimitUpdateValueTypeTokensPerMinute, client.WorkspaceRateLimitUpdateValueTypeToolUsesPerSecond} {
		var ve *client.ValidationError
		if _, err := org.Workspaces.RateLimits.Update(ctx, ws.ID, page.Data[0].ID, []client.WorkspaceRateLimitUpdateValue{{Type: typ, Value: &rpm}}); errors.As(err, &ve) {
			t.Errorf("Update with %s: %v", typ, err)
		}
	}

	zero := int64(0)
	for name, tc := range map[string]struct {
		err   error
		field string
	}{
		"group type":    {second(org.RateLimits.ListPage(ctx, client.RateLimitListParams{GroupType: "models"})), "group_type"},
		"no limits":     {second(org.Workspaces.RateLimits.Update(ctx, ws.ID, "rl_haiku", nil)), "limits"},
		"bad type":      {second(org.Workspaces.RateLimits.Update(ctx, ws.ID, "rl_haiku", []client.WorkspaceRateLimitUpdateValue{{Type: "rpm"}})), "limits[0].type"},
		"zero value":    {second(org.Workspaces.RateLimits.Update(ctx, ws.ID, "rl_haiku", []client.WorkspaceRateLimitUpdateValue{{Type: "requests_per_minute", Value: &zero}})), "limits[0].value"},
		"rate limit id": {second(org.Workspaces.RateLimits.Update(ctx, ws.ID, "", []client.WorkspaceRateLimitUpdateValue{{Type: "requests_per_minute"}})), "rate_limit_id"},
	} {
		var ve *client.ValidationError
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v, want a ValidationError on %s", name, tc.err, tc.field)
		}
	}

	cs, err := org.ComplianceSettings.Get(ctx)
	if err != nil || cs.State.Type != "disabled" {
		t.Fatalf("ComplianceSettings.Get = %+v, %v", cs, err)
	}
	if cs, err = org.ComplianceSettings.Update(ctx, true); err != nil || cs.State.Type != "enabled" {
		t.Fatalf("ComplianceSettings.Update = %+v, %v", cs, err)
	}
}

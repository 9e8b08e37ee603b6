package client_test

import (
	"context"
	"fmt"

	"github.com/claudego/claude/client"
)

func ExampleExternalKeysService_Create() {
	c, _, done := exampleOrg()
	defer done()
	// ProviderConfig is a union: fill it with one provider's parameters.
	var pc client.ExternalKeyProviderConfigParam
	if err := pc.FromGCPExternalKeyConfigParam(client.GCPExternalKeyConfigParam{Type: "gcp", KeyName: "projects/p/locations/us/keyRings/r/cryptoKeys/k"}); err != nil {
		fmt.Println(err)
		return
	}
	k, err := c.Organization.ExternalKeys.Create(context.Background(), client.ExternalKeyCreateRequest{DisplayName: "prod", ProviderConfig: pc})
	if err != nil {
		fmt.Println(err)
		return
	}
	kind, err := k.ProviderConfig.Discriminator()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.DisplayName, kind, k.Attachment.Type)
	// Output: prod gcp unattached
}

// exampleExternalKey registers an AWS KMS key.
func exampleExternalKey(c *client.Client) string {
	k, _ := c.Organization.ExternalKeys.Create(context.Background(), client.ExternalKeyCreateRequest{DisplayName: "prod", ProviderConfig: awsKey("arn:aws:kms:us-east-1:111122223333:key/abc")})
	return k.ID
}

func ExampleExternalKeysService_Get() {
	c, _, done := exampleOrg()
	defer done()
	k, err := c.Organization.ExternalKeys.Get(context.Background(), exampleExternalKey(c))
	if err != nil {
		fmt.Println(err)
		return
	}
	aws, err := k.ProviderConfig.AsAWSExternalKeyConfig()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(aws.KmsArn)
	// Output: arn:aws:kms:us-east-1:111122223333:key/abc
}

func ExampleExternalKeysService_Update() {
	c, _, done := exampleOrg()
	defer done()
	k, err := c.Organization.ExternalKeys.Update(context.Background(), exampleExternalKey(c), client.ExternalKeyUpdateRequest{DisplayName: "prod-us"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.DisplayName)
	// Output: prod-us
}

func ExampleExternalKeysService_Delete() {
	c, _, done := exampleOrg()
	defer done()
	del, err := c.Organization.ExternalKeys.Delete(context.Background(), exampleExternalKey(c))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: external_key_deleted
}

func ExampleExternalKeysService_Validate() {
	c, _, done := exampleOrg()
	defer done()
	v, err := c.Organization.ExternalKeys.Validate(context.Background(), exampleExternalKey(c))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Status)
	// Output: success
}

func ExampleExternalKeysService_List() {
	c, _, done := exampleOrg()
	defer done()
	exampleExternalKey(c)
	for k, err := range c.Organization.ExternalKeys.List(context.Background(), client.CursorParams{}) {
		if err == nil {
			fmt.Println(k.DisplayName)
		}
	}
	// Output: prod
}

func ExampleExternalKeysService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	exampleExternalKey(c)
	page, err := c.Organization.ExternalKeys.ListPage(context.Background(), client.CursorParams{Limit: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data))
	// Output: 1
}

func ExampleOrganizationRateLimitsService_List() {
	c, _, done := exampleOrg()
	defer done()
	for rl, err := range c.Organization.RateLimits.List(context.Background(), client.RateLimitListParams{GroupType: "model_group"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rl.Group.DisplayName, rl.Limits[0].Type, rl.Limits[0].Value)
	}
	// Output:
	// Claude Sonnet 4.x requests_per_minute 4000
	// Claude Haiku 4.x requests_per_minute 4000
}

func ExampleOrganizationRateLimitsService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	page, err := c.Organization.RateLimits.ListPage(context.Background(), client.RateLimitListParams{Model: "claude-haiku-4-5"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Data[0].ID)
	// Output: rl_haiku
}

func ExampleWorkspaceRateLimitsService_Update() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "capped"})
	if err != nil {
		fmt.Println(err)
		return
	}
	rpm := int64(50)
	e, err := c.Organization.Workspaces.RateLimits.Update(ctx, ws.ID, "rl_haiku", []client.WorkspaceRateLimitUpdateValue{{Type: "requests_per_minute", Value: &rpm}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Limits[0].Type, e.Limits[0].Value, "of", *e.Limits[0].OrgLimit)
	// Output: requests_per_minute 50 of 4000
}

func ExampleWorkspaceRateLimitsService_List() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "capped"})
	if err != nil {
		fmt.Println(err)
		return
	}
	n := 0
	for _, err := range c.Organization.Workspaces.RateLimits.List(ctx, ws.ID, client.RateLimitListParams{IncludeInherited: true}) {
		if err == nil {
			n++
		}
	}
	fmt.Println(n, "entries inherited from the organization")
	// Output: 3 entries inherited from the organization
}

func ExampleWorkspaceRateLimitsService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "capped"})
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.Organization.Workspaces.RateLimits.ListPage(ctx, ws.ID, client.RateLimitListParams{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), "overrides")
	// Output: 0 overrides
}

func ExampleComplianceSettingsService_Get() {
	c, _, done := exampleOrg()
	defer done()
	cs, err := c.Organization.ComplianceSettings.Get(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cs.State.Type)
	// Output: disabled
}

func ExampleComplianceSettingsService_Update() {
	c, _, done := exampleOrg()
	defer done()
	cs, err := c.Organization.ComplianceSettings.Update(context.Background(), true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cs.State.Type)
	// Output: enabled
}

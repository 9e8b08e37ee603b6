package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/claudego/claude/client"
)

func awsKey(arn string) client.ExternalKeyProviderConfigParam {
	var pc client.ExternalKeyProviderConfigParam
	_ = pc.FromAWSExternalKeyConfigParam(client.AWSExternalKeyConfigParam{Type: "aws", KmsArn: arn})
	return pc
}

func TestExternalKeys(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	k, err := c.Organization.ExternalKeys.Create(ctx, client.ExternalKeyCreateRequest{DisplayName: "prod", ProviderConfig: awsKey("arn:aws:kms:us-east-1:111122223333:key/abc")})
	if err != nil {
		t.Fatal(err)
	}
	aws, err := k.ProviderConfig.AsAWSExternalKeyConfig()
	if kind, _ := k.ProviderConfig.Discriminator(); err != nil || kind != "aws" || aws.KmsArn == "" || k.Attachment.Type != "unattached" {
		t.Fatalf("Create = %+v (provider %+v)", k, aws)
	}
	if k, err = c.Organization.ExternalKeys.Update(ctx, k.ID, client.ExternalKeyUpdateRequest{DisplayName: "prod-2"}); err != nil || k.DisplayName != "prod-2" {
		t.Fatalf("Update = %+v, %v", k, err)
	}
	if v, err := c.Organization.ExternalKeys.Validate(ctx, k.ID); err != nil || v.Status != "success" {
		t.Fatalf("Validate = %+v, %v", v, err)
	}
	if keys := collect(t, c.Organization.ExternalKeys.List(ctx, client.CursorParams{Limit: 1})); len(keys) != 1 {
		t.Fatalf("List = %+v", keys)
	}
	if _, err := c.Organization.ExternalKeys.Delete(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organization.ExternalKeys.Get(ctx, k.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}

	for name, tc := range map[string]struct {
		req   client.ExternalKeyCreateRequest
		field string
	}{
		"no provider": {client.ExternalKeyCreateRequest{}, "provider_config.type"},
		"empty arn":   {client.ExternalKeyCreateRequest{ProviderConfig: awsKey("")}, "provider_config.kms_arn"},
		"geo":         {client.ExternalKeyCreateRequest{ProviderConfig: awsKey("arn:x"), Geo: "eu"}, "geo"},
	} {
		_, err := c.Organization.ExternalKeys.Create(ctx, tc.req)
		var ve *client.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v, want a ValidationError on %s", name, err, tc.field)
		}
	}
}

package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

func TestUserProfilesLifecycle(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	p, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{Name: "Acme", AccessType: "passthrough",
		Metadata:            map[string]string{"tier": "gold", "region": "eu"},
		ExternalUserDetails: &client.UserProfileExternalUserDetailsParam{Country: "DE", EntityType: "business"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.AccessType != "passthrough" || p.ExternalUserDetails == nil || p.ExternalUserDetails.Country != "DE" {
		t.Fatalf("Create = %+v", p)
	}
	name := "Acme GmbH"
	p, err = c.UserProfiles.Update(ctx, p.ID, client.UserProfileUpdateRequest{Name: &name, Metadata: map[string]string{"region": ""}})
	if err != nil || p.Name != name || p.Metadata["tier"] != "gold" || len(p.Metadata) != 1 {
		t.Fatalf("Update (rename, remove a metadata key) = %+v, %v", p, err)
	}
	if got, err := c.UserProfiles.Get(ctx, p.ID); err != nil || got.Name != name {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	u, err := c.UserProfiles.CreateActionURL(ctx, p.ID)
	if err != nil || !strings.HasPrefix(u.URL, "https://") || u.ExpiresAt.IsZero() {
		t.Fatalf("CreateActionURL = %+v, %v", u, err)
	}
	for i := range 3 {
		if _, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{Name: "p" + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	all := collect(t, c.UserProfiles.List(ctx, client.UserProfileListParams{CursorParams: client.CursorParams{Limit: 3}}))
	if len(all) != 4 || all[0].Name != "p2" {
		t.Fatalf("List (newest first, 3 per page) = %d profiles, first %q", len(all), all[0].Name)
	}
	if _, err := c.UserProfiles.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UserProfiles.Get(ctx, p.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestUserProfilesValidation(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	many := map[string]string{}
	for i := range 17 {
		many["k"+string(rune('a'+i))] = "v"
	}
	cases := []struct {
		name, field string
		call        func() error
	}{
		{"too many metadata keys", "metadata", func() error {
			_, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{Metadata: many})
			return err
		}},
		{"empty metadata value on create", "metadata.k", func() error {
			_, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{Metadata: map[string]string{"k": ""}})
			return err
		}},
		{"access type", "access_type", func() error {
			_, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{AccessType: "reseller"})
			return err
		}},
		{"country", "external_user_details.country", func() error {
			_, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{ExternalUserDetails: &client.UserProfileExternalUserDetailsParam{Country: "Germany"}})
			return err
		}},
		{"long name", "name", func() error {
			long := strings.Repeat("n", 256)
			_, err := c.UserProfiles.Update(ctx, "uprof_1", client.UserProfileUpdateRequest{Name: &long})
			return err
		}},
		{"profile id", "user_profile_id", func() error { _, err := c.UserProfiles.CreateActionURL(ctx, ""); return err }},
		{"page size", "limit", func() error {
			_, err := c.UserProfiles.ListPage(ctx, client.UserProfileListParams{CursorParams: client.CursorParams{Limit: 101}})
			return err
		}},
		{"order", "order", func() error {
			_, err := c.UserProfiles.ListPage(ctx, client.UserProfileListParams{Order: "up"})
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

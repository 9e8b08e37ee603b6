package client_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/claudego/claude/client"
)

func exampleProfile(c *client.Client) *client.UserProfile {
	p, _ := c.UserProfiles.Create(context.Background(), client.UserProfileCreateRequest{Name: "Ada", Metadata: map[string]string{"plan": "pro"}})
	return p
}

func ExampleUserProfilesService_Create() {
	c, _, done := exampleOrg()
	defer done()
	p, err := c.UserProfiles.Create(context.Background(), client.UserProfileCreateRequest{
		Name:                "Acme Corp",
		AccessType:          "passthrough",
		ExternalUserDetails: &client.UserProfileExternalUserDetailsParam{Country: "US", EntityType: "business"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name, p.AccessType, p.ExternalUserDetails.Country)
	// Output: Acme Corp passthrough US
}

func ExampleUserProfilesService_Get() {
	c, _, done := exampleOrg()
	defer done()
	p, err := c.UserProfiles.Get(context.Background(), exampleProfile(c).ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name, p.Metadata["plan"])
	// Output: Ada pro
}

func ExampleUserProfilesService_Update() {
	c, _, done := exampleOrg()
	defer done()
	p := exampleProfile(c)
	// Metadata merges; an empty value removes its key.
	p, err := c.UserProfiles.Update(context.Background(), p.ID, client.UserProfileUpdateRequest{Metadata: map[string]string{"plan": "", "seat": "3"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Metadata)
	// Output: map[seat:3]
}

func ExampleUserProfilesService_Delete() {
	c, _, done := exampleOrg()
	defer done()
	del, err := c.UserProfiles.Delete(context.Background(), exampleProfile(c).ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: user_profile_deleted
}

func ExampleUserProfilesService_List() {
	c, _, done := exampleOrg()
	defer done()
	exampleProfile(c)
	exampleProfile(c)
	n := 0
	for _, err := range c.UserProfiles.List(context.Background(), client.UserProfileListParams{OrderBy: "name"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		n++
	}
	fmt.Println(n, "profiles")
	// Output: 2 profiles
}

func ExampleUserProfilesService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	exampleProfile(c)
	page, err := c.UserProfiles.ListPage(context.Background(), client.UserProfileListParams{CursorParams: client.CursorParams{Limit: 100}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 false
}

func ExampleUserProfilesService_CreateActionURL() {
	c, _, done := exampleOrg()
	defer done()
	u, err := c.UserProfiles.CreateActionURL(context.Background(), exampleProfile(c).ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.HasPrefix(u.URL, "https://"), u.ExpiresAt.IsZero())
	// Output: true false
}

package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
)

// exampleOrg serves the in-memory organization on loopback and returns a
// client holding both an API key and an admin key.
func exampleOrg() (*client.Client, *orgtest.Server, func()) {
	org := orgtest.New()
	srv := httptest.NewServer(org.Handler())
	// The service-account and federation examples authenticate with the
	// OAuth token (WithAuthToken), the others with the admin or API key.
	c, _ := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithAdminKey("sk-ant-admin01-test-example"),
		client.WithAuthToken("sk-ant-test-oauth-example"), client.WithBaseURL(srv.URL))
	return c, org, srv.Close
}

// exampleSkill uploads a two-file Skill.
func exampleSkill(c *client.Client) *client.Skill {
	sk, _ := c.Skills.Create(context.Background(), client.SkillCreateParams{Files: []client.SkillFile{
		{Path: "greeting/SKILL.md", Content: strings.NewReader("---\nname: greeting\ndescription: Greets people.\n---\nSay hello.\n")},
		{Path: "greeting/scripts/hello.py", Content: strings.NewReader("print('hello')\n")},
	}})
	return sk
}

func ExampleSkillsService_Create() {
	c, _, done := exampleOrg()
	defer done()
	// Files stream from any io.Reader; *os.File contents (os.Open) are read
	// in place, so a retry layer can resend the upload.
	sk, err := c.Skills.Create(context.Background(), client.SkillCreateParams{
		DisplayName: "Greeting",
		Files: []client.SkillFile{
			{Path: "greeting/SKILL.md", Content: strings.NewReader("---\nname: greeting\ndescription: Greets people.\n---\nSay hello.\n")},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sk.DisplayName, sk.Source.Type)
	// Output: Greeting custom
}

func ExampleSkillsService_Get() {
	c, _, done := exampleOrg()
	defer done()
	sk, err := c.Skills.Get(context.Background(), exampleSkill(c).ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sk.DisplayName)
	// Output: greeting
}

func ExampleSkillsService_List() {
	c, _, done := exampleOrg()
	defer done()
	exampleSkill(c)
	exampleSkill(c)
	n := 0
	for sk, err := range c.Skills.List(context.Background(), client.SkillListParams{Source: "custom"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		_ = sk
		n++
	}
	fmt.Println(n, "skills")
	// Output: 2 skills
}

func ExampleSkillsService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	exampleSkill(c)
	exampleSkill(c)
	page, err := c.Skills.ListPage(context.Background(), client.SkillListParams{CursorParams: client.CursorParams{Limit: 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore, page.NextPage != "")
	// Output: 1 true true
}

func ExampleSkillsService_Delete() {
	c, _, done := exampleOrg()
	defer done()
	ctx := context.Background()
	sk := exampleSkill(c)
	// A Skill is deleted once it has no versions left.
	for v, err := range c.Skills.Versions.List(ctx, sk.ID, client.CursorParams{}) {
		if err == nil {
			_, err = c.Skills.Versions.Delete(ctx, sk.ID, v.ID)
		}
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	del, err := c.Skills.Delete(ctx, sk.ID)
	fmt.Println(del.Type, err)
	// Output: skill_deleted <nil>
}

func ExampleSkillVersionsService_Create() {
	c, _, done := exampleOrg()
	defer done()
	sk := exampleSkill(c)
	v, err := c.Skills.Versions.Create(context.Background(), sk.ID, []client.SkillFile{
		{Path: "greeting/SKILL.md", Content: strings.NewReader("---\nname: greeting\ndescription: Greets people warmly.\n---\nSay hello.\n")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Name, "-", v.Description)
	// Output: greeting - Greets people warmly.
}

func ExampleSkillVersionsService_Get() {
	c, _, done := exampleOrg()
	defer done()
	sk := exampleSkill(c)
	v, err := c.Skills.Versions.Get(context.Background(), sk.ID, "latest")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.ID == sk.LatestVersionID)
	// Output: true
}

func ExampleSkillVersionsService_List() {
	c, _, done := exampleOrg()
	defer done()
	sk := exampleSkill(c)
	for v, err := range c.Skills.Versions.List(context.Background(), sk.ID, client.CursorParams{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(v.Name)
	}
	// Output: greeting
}

func ExampleSkillVersionsService_ListPage() {
	c, _, done := exampleOrg()
	defer done()
	sk := exampleSkill(c)
	page, err := c.Skills.Versions.ListPage(context.Background(), sk.ID, client.CursorParams{Limit: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 false
}

func ExampleSkillVersionsService_Delete() {
	c, _, done := exampleOrg()
	defer done()
	sk := exampleSkill(c)
	del, err := c.Skills.Versions.Delete(context.Background(), sk.ID, sk.LatestVersionID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(del.Type)
	// Output: skill_version_deleted
}

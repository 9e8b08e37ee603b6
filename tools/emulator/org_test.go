package emulator_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/emulator"
)

// TestOrganization drives the emulator's organization, Skills and User
// Profiles with the library's client, and checks the usage report counts
// the messages the emulator served.
func TestOrganization(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const admin = "sk-ant-admin01-test-emulator"
	srv, err := emulator.Start(ctx, emulator.Config{AdminKey: admin})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithAdminKey(admin), client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(-time.Minute)
	for range 2 {
		if _, err := c.Messages.Create(ctx, client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Say hello")}}); err != nil {
			t.Fatal(err)
		}
	}
	var in, out int64
	for b, err := range c.Organization.Usage.List(ctx, client.UsageReportParams{StartingAt: start, BucketWidth: "1m", GroupBy: []string{"model"}}) {
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Results {
			if !strings.HasPrefix(r.Model, "claude-haiku-4-5") {
				t.Errorf("usage row for %q", r.Model)
			}
			in, out = in+r.UncachedInputTokens, out+r.OutputTokens
		}
	}
	if in == 0 || out == 0 {
		t.Errorf("usage report counted %d input and %d output tokens for two messages", in, out)
	}

	ws, err := c.Organization.Workspaces.Create(ctx, client.WorkspaceCreateRequest{Name: "emulated"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organization.Workspaces.Get(ctx, "wrkspc_missing"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("unknown workspace: %v", err)
	}
	if page, err := c.Organization.Workspaces.ListPage(ctx, client.WorkspaceListParams{}); err != nil || len(page.Data) != 1 || page.Data[0].ID != ws.ID {
		t.Fatalf("ListPage = %+v, %v", page, err)
	}
	sk, err := c.Skills.Create(ctx, client.SkillCreateParams{Files: []client.SkillFile{{Path: "hi/SKILL.md", Content: strings.NewReader("---\nname: hi\ndescription: d\n---\n")}}})
	if err != nil || sk.DisplayName != "hi" {
		t.Fatalf("Skills.Create = %+v, %v", sk, err)
	}
	if _, err := c.UserProfiles.Create(ctx, client.UserProfileCreateRequest{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}

	// The API's key rules: a normal key on the Admin API is refused (sent
	// raw here; the client itself never sends it there).
	wrong, _ := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithAdminKey("sk-ant-test-not-admin"), client.WithBaseURL(srv.URL()))
	if _, err := wrong.Organization.Get(ctx); !errors.Is(err, client.ErrAuthentication) {
		t.Errorf("admin call with a normal key: %v, want 401", err)
	}
}

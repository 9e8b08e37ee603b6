package spec_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/openapi"
	"github.com/claudego/claude/tools/internal/spec"
)

// queryCalls makes, for each operation that has query parameters, the client
// calls that between them set every filter and paging field the client
// offers (several calls where fields exclude each other, such as the files'
// ids and page). TestClientSendsEveryQueryParameter checks that the query
// keys these calls send are exactly the spec's, so a parameter added to the
// spec without a client field (or a field the spec lacks) fails here.
var queryCalls = map[string]func(ctx context.Context, c *client.Client) error{
	"GET /v1/models": func(ctx context.Context, c *client.Client) error {
		_, err := c.Models.ListPage(ctx, client.ModelListParams{ListParams: client.ListParams{AfterID: "m", Limit: 2}, Lifecycle: []string{"retired"}})
		return first(err, ignore(c.Models.ListPage(ctx, client.ModelListParams{ListParams: client.ListParams{BeforeID: "m"}})))
	},
	"GET /v1/messages/batches": func(ctx context.Context, c *client.Client) error {
		_, err := c.Batches.ListPage(ctx, client.ListParams{AfterID: "b", Limit: 2})
		return first(err, ignore(c.Batches.ListPage(ctx, client.ListParams{BeforeID: "b"})))
	},
	"GET /v1/files": func(ctx context.Context, c *client.Client) error {
		_, err := c.Files.ListPage(ctx, client.FileListParams{ListParams: client.ListParams{AfterID: "f", Limit: 2}})
		return first(err,
			ignore(c.Files.ListPage(ctx, client.FileListParams{ListParams: client.ListParams{BeforeID: "f"}})),
			ignore(c.Files.ListPage(ctx, client.FileListParams{Page: "page_x"})),
			ignore(c.Files.ListPage(ctx, client.FileListParams{IDs: []string{"file_1", "file_2"}})))
	},
	"GET /v1/skills": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Skills.ListPage(ctx, client.SkillListParams{CursorParams: cursor, Source: "custom"}))
	},
	"GET /v1/skills/{skill_id}/versions": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Skills.Versions.ListPage(ctx, "skill_1", cursor))
	},
	"GET /v1/user_profiles": func(ctx context.Context, c *client.Client) error {
		return ignore(c.UserProfiles.ListPage(ctx, client.UserProfileListParams{CursorParams: cursor, Order: "asc", OrderBy: "name"}))
	},
	"GET /v1/organizations/users": func(ctx context.Context, c *client.Client) error {
		_, err := c.Organization.Users.ListPage(ctx, client.UserListParams{ListParams: client.ListParams{AfterID: "u", Limit: 2}, Email: "a@example.com", Roles: []string{"user"}})
		return first(err, ignore(c.Organization.Users.ListPage(ctx, client.UserListParams{ListParams: client.ListParams{BeforeID: "u"}})))
	},
	"GET /v1/organizations/invites": func(ctx context.Context, c *client.Client) error {
		_, err := c.Organization.Invites.ListPage(ctx, client.InviteListParams{ListParams: client.ListParams{AfterID: "i", Limit: 2}, Email: "a@example.com",
			Roles: []string{"developer"}, Statuses: []string{"pending"}})
		return first(err, ignore(c.Organization.Invites.ListPage(ctx, client.InviteListParams{ListParams: client.ListParams{BeforeID: "i"}})))
	},
	"GET /v1/organizations/workspaces": func(ctx context.Context, c *client.Client) error {
		_, err := c.Organization.Workspaces.ListPage(ctx, client.WorkspaceListParams{ListParams: client.ListParams{AfterID: "w", Limit: 2}, IncludeArchived: true, IncludeDefault: true})
		return first(err, ignore(c.Organization.Workspaces.ListPage(ctx, client.WorkspaceListParams{ListParams: client.ListParams{BeforeID: "w"}})))
	},
	"GET /v1/organizations/workspaces/{workspace_id}/members": func(ctx context.Context, c *client.Client) error {
		_, err := c.Organization.Workspaces.Members.ListPage(ctx, "wrkspc_1", client.ListParams{AfterID: "m", Limit: 2})
		return first(err, ignore(c.Organization.Workspaces.Members.ListPage(ctx, "wrkspc_1", client.ListParams{BeforeID: "m"})))
	},
	"GET /v1/organizations/api_keys": func(ctx context.Context, c *client.Client) error {
		_, err := c.Organization.APIKeys.ListPage(ctx, client.APIKeyListParams{ListParams: client.ListParams{AfterID: "k", Limit: 2},
			Status: "active", WorkspaceID: "wrkspc_1", CreatedByUserID: "user_1"})
		return first(err, ignore(c.Organization.APIKeys.ListPage(ctx, client.APIKeyListParams{ListParams: client.ListParams{BeforeID: "k"}})))
	},
	"GET /v1/organizations/usage_report/messages": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Usage.ListPage(ctx, client.UsageReportParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour), BucketWidth: "1d",
			GroupBy: []string{"model"}, Models: []string{"claude-opus-4-5"}, APIKeyIDs: []string{"apikey_1"}, WorkspaceIDs: []string{"wrkspc_1"},
			ServiceTiers: []string{"batch"}, ContextWindows: []string{"0-200k"}, InferenceGeos: []string{"us"}, Limit: 2, Page: "page_x"}))
	},
	"GET /v1/organizations/cost_report": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Cost.ListPage(ctx, client.CostReportParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour), BucketWidth: "1d",
			GroupBy: []string{"description"}, Limit: 2, Page: "page_x"}))
	},
	"GET /v1/organizations/external_keys": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.ExternalKeys.ListPage(ctx, cursor))
	},
	"GET /v1/organizations/federation_issuers": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Federation.Issuers.ListPage(ctx, client.ArchivableListParams{CursorParams: cursor, IncludeArchived: true}))
	},
	"GET /v1/organizations/federation_rules": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Federation.Rules.ListPage(ctx, client.FederationRuleListParams{
			ArchivableListParams: client.ArchivableListParams{CursorParams: cursor, IncludeArchived: true}, IssuerID: "fdis_1"}))
	},
	"GET /v1/organizations/federation_rules/{federation_rule_id}/workspaces": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Federation.Rules.Workspaces.ListPage(ctx, "fdrl_1", cursor))
	},
	"GET /v1/organizations/service_accounts": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.ServiceAccounts.ListPage(ctx, client.ArchivableListParams{CursorParams: cursor, IncludeArchived: true}))
	},
	"GET /v1/organizations/service_accounts/{service_account_id}/workspaces": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.ServiceAccounts.Workspaces.ListPage(ctx, "svac_1", cursor))
	},
	"GET /v1/organizations/workspaces/{workspace_id}/service_accounts": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Workspaces.ServiceAccounts.ListPage(ctx, "wrkspc_1", cursor))
	},
	"GET /v1/organizations/rate_limits": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.RateLimits.ListPage(ctx, client.RateLimitListParams{CursorParams: cursor, GroupType: "model_group", Model: "claude-opus-4-5"}))
	},
	"GET /v1/organizations/workspaces/{workspace_id}/rate_limits": func(ctx context.Context, c *client.Client) error {
		return ignore(c.Organization.Workspaces.RateLimits.ListPage(ctx, "wrkspc_1", client.RateLimitListParams{CursorParams: cursor, GroupType: "model_group", IncludeInherited: true}))
	},
}

var (
	cursor = client.CursorParams{Page: "page_x", Limit: 2}
	day    = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
)

func ignore[T any](_ T, err error) error { return err }

func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestClientSendsEveryQueryParameter walks every operation's query
// parameters in the spec and checks that the client's calls above send each
// one (and nothing the spec lacks), against a loopback server that records
// the query keys per operation.
func TestClientSendsEveryQueryParameter(t *testing.T) {
	t.Parallel()
	sp, err := spec.LoadData(openapi.Spec())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{} // "METHOD /path" -> the spec's query parameter names
	var templates []string
	for path, item := range sp.Doc.Paths.Map() {
		templates = append(templates, path)
		for method, op := range item.Operations() {
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				if p.Value != nil && p.Value.In == "query" {
					want[method+" "+path] = append(want[method+" "+path], p.Value.Name)
				}
			}
		}
	}

	var mu sync.Mutex
	sent := map[string]map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := r.Method + " " + matchTemplate(templates, r.URL.Path)
		mu.Lock()
		if sent[op] == nil {
			sent[op] = map[string]bool{}
		}
		for k := range r.URL.Query() {
			sent[op][k] = true
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":[],"has_more":false,"first_id":null,"last_id":null,"next_page":null}`))
	}))
	defer srv.Close()
	c, err := client.New(client.WithBaseURL(srv.URL), client.WithAPIKey("sk-ant-test-query"), client.WithAdminKey("sk-ant-admin01-test-query"), client.WithAuthToken("sk-ant-test-oauth-query"))
	if err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	for op, names := range want {
		call, ok := queryCalls[op]
		if !ok {
			t.Errorf("%s: the spec has query parameters %v but queryCalls has no call for it", op, names)
			continue
		}
		if err := call(ctx, c); err != nil {
			t.Errorf("%s: %v", op, err)
			continue
		}
		mu.Lock()
		got := sent[op]
		mu.Unlock()
		for _, n := range names {
			if !got[n] {
				t.Errorf("%s: the client never sends query parameter %q (add it to the params type and this call)", op, n)
			}
		}
		for n := range got {
			if !slices.Contains(names, n) {
				t.Errorf("%s: the client sends query parameter %q, which the spec does not describe", op, n)
			}
		}
	}
	for op := range queryCalls {
		if _, ok := want[op]; !ok {
			t.Errorf("%s: queryCalls has a call but the spec has no query parameters for it", op)
		}
	}
	if len(want) < 22 {
		t.Errorf("found %d operations with query parameters, want at least 22", len(want))
	}
}

// matchTemplate returns the spec path template a request path matches
// ("{x}" matches one segment), preferring the template with the fewest
// variables, or the path itself.
func matchTemplate(templates []string, path string) string {
	segs := strings.Split(path, "/")
	var best string
	bestVars := -1
	sort.Strings(templates)
	for _, tpl := range templates {
		ts := strings.Split(tpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		vars, ok := 0, true
		for i, s := range ts {
			if strings.HasPrefix(s, "{") {
				vars++
			} else if s != segs[i] {
				ok = false
				break
			}
		}
		if ok && (bestVars < 0 || vars < bestVars) {
			best, bestVars = tpl, vars
		}
	}
	if best == "" {
		return path
	}
	return best
}

package spec_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/claudego/claude/openapi"
	"github.com/claudego/claude/tools/internal/spec"
)

// apiLine is the doc line each service method carries (ARCHITECTURE.md: every method
// names its operation, as go-github's //meta:operation lines do).
var apiLine = regexp.MustCompile(`(?m)^// API: (GET|POST|DELETE|PUT|PATCH) (\S+)\s*$`)

// sharedOperations are the operations more than one method serves on
// purpose: a one-page call beside the iterator over all pages, Create
// beside Stream for POST /v1/messages, and Create beside CreateEncoded (a
// body the caller encoded and spooled) for POST /v1/messages/batches.
var sharedOperations = map[string]int{
	"GET /v1/models": 2, "GET /v1/messages/batches": 2, "POST /v1/messages/batches": 2, "GET /v1/files": 2, "POST /v1/messages": 2,
	"GET /v1/skills": 2, "GET /v1/skills/{skill_id}/versions": 2, "GET /v1/user_profiles": 2,
	"GET /v1/organizations/users": 2, "GET /v1/organizations/invites": 2, "GET /v1/organizations/workspaces": 2,
	"GET /v1/organizations/workspaces/{workspace_id}/members": 2, "GET /v1/organizations/api_keys": 2,
	"GET /v1/organizations/usage_report/messages": 2, "GET /v1/organizations/cost_report": 2,
	"GET /v1/organizations/external_keys": 2, "GET /v1/organizations/federation_issuers": 2, "GET /v1/organizations/federation_rules": 2,
	"GET /v1/organizations/federation_rules/{federation_rule_id}/workspaces": 2, "GET /v1/organizations/rate_limits": 2,
	"GET /v1/organizations/service_accounts": 2, "GET /v1/organizations/service_accounts/{service_account_id}/workspaces": 2,
	"GET /v1/organizations/workspaces/{workspace_id}/rate_limits": 2, "GET /v1/organizations/workspaces/{workspace_id}/service_accounts": 2,
}

// TestEveryOperationHasAMethod maps every operation of the spec to the
// client methods that name it, and every such name back to the spec.
func TestEveryOperationHasAMethod(t *testing.T) {
	t.Parallel()
	sp, err := spec.LoadData(openapi.Spec())
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{}
	for path, item := range sp.Doc.Paths.Map() {
		for method := range item.Operations() {
			ops[method+" "+path] = true
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "client", "*.go"))
	named := map[string]int{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range apiLine.FindAllStringSubmatch(string(src), -1) {
			named[m[1]+" "+m[2]]++
		}
	}
	var missing, stale, doubled []string
	for op := range ops {
		want := sharedOperations[op]
		if want == 0 {
			want = 1
		}
		switch n := named[op]; {
		case n == 0:
			missing = append(missing, op)
		case n != want:
			doubled = append(doubled, op)
		}
	}
	for op := range named {
		if !ops[op] {
			stale = append(stale, op)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	sort.Strings(doubled)
	if len(missing)+len(stale)+len(doubled) > 0 {
		t.Fatalf("operations without a method: %v\n// API: lines naming no operation: %v\noperations named by an unexpected number of methods: %v", missing, stale, doubled)
	}
	// The 88 generally available operations of the official SDK v1.84.0
	// (api.md, outside Beta and the legacy Completions) plus the usage and
	// cost reports.
	if len(ops) < 90 {
		t.Fatalf("only %d operations in the spec", len(ops))
	}
}

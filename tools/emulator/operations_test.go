package emulator

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/claudego/claude/client/orgtest"
	"github.com/claudego/claude/tools/internal/spec"
)

// TestEveryOperationIsServed sends every operation of the spec to the
// emulator (unknown IDs in the path, the recorded request body where a case
// has one, the credential the operation takes) and checks that a route
// answers it: a 2xx or the API's error envelope, never the catch-all "Not
// Found", a 405 or a 401, and that the answer
// validates against the spec. A new operation without an emulator route
// fails here.
func TestEveryOperationIsServed(t *testing.T) {
	t.Parallel()
	const admin = "sk-ant-admin01-test-emulator"
	srv := setup(t, Config{AdminKey: admin})
	s, err := spec.Load(spec.DefaultPath())
	if err != nil {
		t.Fatal(err)
	}
	recorded := filepath.Join("..", "..", RecordedDirName)
	m, err := spec.ReadManifest(recorded)
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, c := range m.Cases {
		op, err := s.FindOperation(c.Method, c.Endpoint)
		if err != nil || c.Status != http.StatusOK {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(recorded, c.Name, "request.json")); err == nil {
			bodies[op.Method+" "+op.Path] = string(b)
		}
	}
	param := regexp.MustCompile(`\{[a-z_]+\}`)
	var ops []string
	for path, item := range s.Doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	sort.Strings(ops)
	for _, op := range ops {
		method, path, _ := strings.Cut(op, " ")
		body := bodies[op]
		if body == "" && method == http.MethodPost {
			body = "{}"
		}
		creds := []string{"x-api-key", testKey}
		switch {
		case orgtest.WorkloadIdentity(path): // an OAuth token, never a key
			creds = []string{"x-api-key", "", "Authorization", "Bearer sk-ant-test-oauth-emulator"}
		case strings.HasPrefix(path, "/v1/organizations/"):
			creds = []string{"x-api-key", admin}
		}
		// Query parameters some reports require.
		target := param.ReplaceAllString(path, "unknown_id")
		if strings.Contains(path, "_report") {
			target += "?starting_at=2025-08-01T00:00:00Z"
		}
		resp, got := call(t, srv, method, target, body, creds...)
		var e struct {
			Type  string `json:"type"`
			Error struct{ Type, Message string }
		}
		ok2xx := resp.StatusCode >= 200 && resp.StatusCode < 300
		isErr := json.Unmarshal(got, &e) == nil && e.Type == "error"
		switch {
		case resp.StatusCode == http.StatusMethodNotAllowed, resp.StatusCode == http.StatusUnauthorized, isErr && e.Error.Message == "Not Found", !ok2xx && !isErr:
			t.Errorf("%s: no route: %d %s", op, resp.StatusCode, got)
			continue
		}
		for _, f := range s.ValidateResponse(method, path, resp.StatusCode, resp.Header, got).Invalid() {
			t.Errorf("%s: %d answer does not match the spec: %s", op, resp.StatusCode, f)
		}
	}
	if len(ops) < 90 {
		t.Errorf("%d operations in the spec, want 90", len(ops))
	}
}

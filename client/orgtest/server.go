package orgtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
)

// Server is the fake organization. Use New: it seeds an owner and the
// default workspace. Set the fields before serving the first request.
type Server struct {
	// AdminKey, when set, is the only x-api-key the /v1/organizations
	// endpoints accept. Whether set or not, those endpoints refuse a key
	// that does not start with sk-ant-admin, and the other endpoints refuse
	// one that does, as the API does. The Workload Identity Federation
	// endpoints (WorkloadIdentity) take a bearer token instead and refuse
	// every key.
	AdminKey string
	// Now stamps created_at and the like; nil means time.Now.
	Now func() time.Time

	mu         sync.Mutex
	seq        int
	org        client.Organization
	users      table[client.OrganizationUser]
	invites    table[client.OrganizationInvite]
	workspaces table[client.Workspace]
	members    map[string]*table[client.WorkspaceMember]
	keys       table[client.APIKey]
	skills     table[client.Skill]
	versions   map[string]*table[client.SkillVersion]
	profiles   table[client.UserProfile]
	usage      []Usage

	extKeys         table[client.ExternalKey]
	issuers         table[client.FederationIssuer]
	rules           table[client.FederationRule]
	ruleWS          map[string]*table[client.FederationRuleWorkspace]
	accounts        table[client.ServiceAccount]
	saByWS          map[string]*table[client.ServiceAccountWorkspaceMember]
	overrides       map[string]int64 // workspace|rate limit|limiter type -> value
	complianceState string
}

// New returns a server holding organization "Example Org" with one user
// (the primary owner, user_owner) and its default workspace.
func New() *Server {
	s := &Server{
		org:       client.Organization{ID: "org_emulated", Type: "organization", Name: "Example Org"},
		members:   map[string]*table[client.WorkspaceMember]{},
		versions:  map[string]*table[client.SkillVersion]{},
		ruleWS:    map[string]*table[client.FederationRuleWorkspace]{},
		saByWS:    map[string]*table[client.ServiceAccountWorkspaceMember]{},
		overrides: map[string]int64{},
	}
	s.users.put("user_owner", client.OrganizationUser{ID: "user_owner", Type: "user", Email: "owner@example.com", Name: "Owner", Role: "primary_owner", AddedAt: s.now()})
	return s
}

// instant is the current time, Now's when set, at full precision.
func (s *Server) instant() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC().Truncate(time.Second)
}

// newID returns prefix_ and a counter: deterministic across runs.
func (s *Server) newID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s_%04d", prefix, s.seq)
}

// Handler serves the API paths the server knows; any other path is 404.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routeOrg(mux)
	s.routeSkills(mux)
	s.routeProfiles(mux)
	s.routeReports(mux)
	s.routeAdmin(mux)
	s.routeAccounts(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		admin := strings.HasPrefix(r.URL.Path, "/v1/organizations/")
		key := r.Header.Get("x-api-key")
		token, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		switch {
		case WorkloadIdentity(r.URL.Path):
			if !bearer || token == "" || key != "" {
				writeError(w, http.StatusUnauthorized, "authentication_error", "this endpoint requires an OAuth access token with the org:admin scope (Authorization: Bearer); admin and API keys are not accepted")
				return
			}
		case key == "" && bearer && token != "" && !admin:
			// An OAuth token on Skills and User Profiles, as on the API.
		case key == "":
			writeError(w, http.StatusUnauthorized, "authentication_error", "x-api-key header is required")
			return
		case admin && (!strings.HasPrefix(key, "sk-ant-admin") || s.AdminKey != "" && key != s.AdminKey):
			writeError(w, http.StatusUnauthorized, "authentication_error", "invalid x-api-key: the Admin API needs an admin key (sk-ant-admin...)")
			return
		case !admin && strings.HasPrefix(key, "sk-ant-admin"):
			writeError(w, http.StatusUnauthorized, "authentication_error", "invalid x-api-key: admin keys are accepted by the Admin API only")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		mux.ServeHTTP(w, r)
	})
}

// WorkloadIdentity reports whether path is a Workload Identity Federation
// endpoint (service accounts, federation issuers and rules, a workspace's
// service accounts), which takes only an OAuth access token with the
// org:admin scope: the API refuses admin and API keys there (SDK v1.84.0).
// The fake accepts any bearer token; it does not check scopes.
func WorkloadIdentity(path string) bool {
	for _, p := range []string{"/v1/organizations/service_accounts", "/v1/organizations/federation_issuers", "/v1/organizations/federation_rules"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	rest, ok := strings.CutPrefix(path, "/v1/organizations/workspaces/")
	if !ok {
		return false
	}
	_, sub, _ := strings.Cut(rest, "/")
	return sub == "service_accounts" || strings.HasPrefix(sub, "service_accounts/")
}

// Handles reports whether the server serves path (so the emulator can route
// to it).
func Handles(path string) bool {
	return strings.HasPrefix(path, "/v1/organizations/") || path == "/v1/skills" || strings.HasPrefix(path, "/v1/skills/") ||
		path == "/v1/user_profiles" || strings.HasPrefix(path, "/v1/user_profiles/")
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("content-type", "application/json")
	w.Header().Set("request-id", "req_orgtest")
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes the API's error body.
func writeError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("content-type", "application/json")
	w.Header().Set("request-id", "req_orgtest")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"type": "error", "error": map[string]string{"type": typ, "message": msg}, "request_id": "req_orgtest"})
}

func notFound(w http.ResponseWriter, what, id string) {
	writeError(w, http.StatusNotFound, "not_found_error", what+" not found: "+id)
}

func badRequest(w http.ResponseWriter, field, reason string) {
	writeError(w, http.StatusBadRequest, "invalid_request_error", field+": "+reason)
}

// decode reads a JSON body into v, answering 400 on failure.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		badRequest(w, "body", err.Error())
		return false
	}
	return true
}

// limit reads the limit query parameter: def when absent, 400 outside 1..max.
func limit(w http.ResponseWriter, r *http.Request, def, max int) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		badRequest(w, "limit", fmt.Sprintf("must be an integer between 1 and %d", max))
		return 0, false
	}
	return n, true
}

package orgtest

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/claudego/claude/client"
)

// assignable are the roles an admin key may grant.
var assignable = []string{"user", "developer", "billing", "claude_code_user", "managed"}

func (s *Server) routeOrg(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/organizations/me", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, s.org) })

	// users
	mux.HandleFunc("GET /v1/organizations/users", func(w http.ResponseWriter, r *http.Request) {
		email, roles := r.URL.Query().Get("email"), r.URL.Query()["roles[]"]
		ids, rows := s.users.list(func(u *client.OrganizationUser) bool {
			return (email == "" || strings.EqualFold(u.Email, email)) && (len(roles) == 0 || slices.Contains(roles, string(u.Role)))
		})
		pageByID(w, r, ids, rows)
	})
	mux.HandleFunc("GET /v1/organizations/users/{user_id}", show(&s.users, "user", "user_id"))
	mux.HandleFunc("POST /v1/organizations/users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		u, ok := s.user(w, r)
		var req client.OrganizationUserUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if !slices.Contains(assignable, string(req.Role)) {
			badRequest(w, "role", "must be one of "+strings.Join(assignable, ", "))
			return
		}
		u.Role = client.OrganizationRole(req.Role)
		writeJSON(w, u)
	})
	mux.HandleFunc("DELETE /v1/organizations/users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		if u, ok := s.user(w, r); ok {
			s.users.remove(u.ID)
			for _, m := range s.members {
				m.remove(u.ID)
			}
			writeJSON(w, client.DeletedOrganizationUser{ID: u.ID, Type: "user_deleted"})
		}
	})

	// invites
	mux.HandleFunc("POST /v1/organizations/invites", func(w http.ResponseWriter, r *http.Request) {
		var req client.OrganizationInviteCreateRequest
		if !decode(w, r, &req) {
			return
		}
		switch {
		case !strings.Contains(req.Email, "@"):
			badRequest(w, "email", "must be an email address")
			return
		case !slices.Contains(assignable, string(req.Role)):
			badRequest(w, "role", "must be one of "+strings.Join(assignable, ", "))
			return
		}
		now := s.now()
		inv := client.OrganizationInvite{ID: s.newID("invite"), Type: "invite", Email: req.Email, Role: client.OrganizationRole(req.Role),
			Status: "pending", InvitedAt: now, ExpiresAt: now.Add(21 * 24 * time.Hour), RbacGroupIds: append([]string{}, req.RbacGroupIds...)}
		writeJSON(w, s.invites.put(inv.ID, inv))
	})
	mux.HandleFunc("GET /v1/organizations/invites", func(w http.ResponseWriter, r *http.Request) {
		email := r.URL.Query().Get("email")
		ids, rows := s.invites.list(func(i *client.OrganizationInvite) bool { return email == "" || strings.EqualFold(i.Email, email) })
		pageByID(w, r, ids, rows)
	})
	mux.HandleFunc("GET /v1/organizations/invites/{invite_id}", show(&s.invites, "invite", "invite_id"))
	mux.HandleFunc("DELETE /v1/organizations/invites/{invite_id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("invite_id")
		if !s.invites.remove(id) {
			notFound(w, "invite", id)
			return
		}
		writeJSON(w, client.DeletedOrganizationInvite{ID: id, Type: "invite_deleted"})
	})

	// workspaces
	mux.HandleFunc("POST /v1/organizations/workspaces", func(w http.ResponseWriter, r *http.Request) {
		var req client.WorkspaceCreateRequest
		if !decode(w, r, &req) {
			return
		}
		if n := len([]rune(req.Name)); n < 1 || n > 40 {
			badRequest(w, "name", "must be 1 to 40 characters")
			return
		}
		color := req.DisplayColor
		if color == "" {
			color = "#6C5BB9"
		}
		ws := client.Workspace{ID: s.newID("wrkspc"), Type: "workspace", Name: req.Name, DisplayColor: color, CreatedAt: s.now(), Tags: req.Tags, ExternalKeyID: req.ExternalKeyID}
		ws.CompartmentID = "cmpt_" + strings.TrimPrefix(ws.ID, "wrkspc_")
		s.members[ws.ID] = &table[client.WorkspaceMember]{}
		writeJSON(w, s.workspaces.put(ws.ID, ws))
	})
	mux.HandleFunc("GET /v1/organizations/workspaces", func(w http.ResponseWriter, r *http.Request) {
		archived := r.URL.Query().Get("include_archived") == "true"
		ids, rows := s.workspaces.list(func(ws *client.Workspace) bool { return archived || ws.ArchivedAt == nil })
		pageByID(w, r, ids, rows)
	})
	mux.HandleFunc("GET /v1/organizations/workspaces/{workspace_id}", show(&s.workspaces, "workspace", "workspace_id"))
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}", func(w http.ResponseWriter, r *http.Request) {
		ws, ok := s.workspace(w, r)
		var req client.WorkspaceUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if req.Name != "" {
			if n := len([]rune(req.Name)); n > 40 {
				badRequest(w, "name", "must be 1 to 40 characters")
				return
			}
			ws.Name = req.Name
		}
		if req.DisplayColor != "" {
			ws.DisplayColor = req.DisplayColor
		}
		if req.Tags != nil {
			ws.Tags = req.Tags
		}
		writeJSON(w, ws)
	})
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}/archive", func(w http.ResponseWriter, r *http.Request) {
		if ws, ok := s.workspace(w, r); ok {
			if ws.ArchivedAt == nil {
				now := s.now()
				ws.ArchivedAt = &now
			}
			writeJSON(w, ws)
		}
	})

	// members
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}/members", func(w http.ResponseWriter, r *http.Request) {
		ws, ok := s.workspace(w, r)
		var req client.WorkspaceMemberAddRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if _, ok := s.users.get(req.UserID); !ok {
			notFound(w, "user", req.UserID)
			return
		}
		if req.WorkspaceRole == "workspace_billing" || !strings.HasPrefix(string(req.WorkspaceRole), "workspace_") {
			badRequest(w, "workspace_role", "must be workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin")
			return
		}
		m := client.WorkspaceMember{Type: "workspace_member", UserID: req.UserID, WorkspaceID: ws.ID, WorkspaceRole: client.WorkspaceRole(req.WorkspaceRole)}
		writeJSON(w, s.members[ws.ID].put(req.UserID, m))
	})
	mux.HandleFunc("GET /v1/organizations/workspaces/{workspace_id}/members", func(w http.ResponseWriter, r *http.Request) {
		if ws, ok := s.workspace(w, r); ok {
			ids, rows := s.members[ws.ID].list(nil)
			pageByID(w, r, ids, rows)
		}
	})
	mux.HandleFunc("GET /v1/organizations/workspaces/{workspace_id}/members/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		if m, ok := s.member(w, r); ok {
			writeJSON(w, m)
		}
	})
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		m, ok := s.member(w, r)
		var req client.WorkspaceMemberUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if !strings.HasPrefix(string(req.WorkspaceRole), "workspace_") {
			badRequest(w, "workspace_role", "unknown role "+string(req.WorkspaceRole))
			return
		}
		m.WorkspaceRole = req.WorkspaceRole
		writeJSON(w, m)
	})
	mux.HandleFunc("DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		if m, ok := s.member(w, r); ok {
			s.members[m.WorkspaceID].remove(m.UserID)
			writeJSON(w, client.DeletedWorkspaceMember{Type: "workspace_member_deleted", UserID: m.UserID, WorkspaceID: m.WorkspaceID})
		}
	})

	// API keys
	mux.HandleFunc("GET /v1/organizations/api_keys", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		ids, rows := s.keys.list(func(k *client.APIKey) bool {
			return (q.Get("status") == "" || string(k.Status) == q.Get("status")) && (q.Get("workspace_id") == "" || k.WorkspaceID == q.Get("workspace_id"))
		})
		pageByID(w, r, ids, rows)
	})
	mux.HandleFunc("GET /v1/organizations/api_keys/{api_key_id}", show(&s.keys, "api_key", "api_key_id"))
	mux.HandleFunc("POST /v1/organizations/api_keys/{api_key_id}", func(w http.ResponseWriter, r *http.Request) {
		k, ok := find(w, &s.keys, "api_key", r.PathValue("api_key_id"))
		var req client.APIKeyUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		switch req.Status {
		case "":
		case "active", "inactive", "archived":
			if k.Status == "archived" {
				badRequest(w, "status", "an archived API key cannot change status")
				return
			}
			k.Status = client.APIKeyStatus(req.Status)
		default:
			badRequest(w, "status", "must be active, inactive or archived")
			return
		}
		if req.Name != "" {
			k.Name = req.Name
		}
		writeJSON(w, k)
	})
}

func (s *Server) user(w http.ResponseWriter, r *http.Request) (*client.OrganizationUser, bool) {
	return find(w, &s.users, "user", r.PathValue("user_id"))
}

func (s *Server) workspace(w http.ResponseWriter, r *http.Request) (*client.Workspace, bool) {
	return find(w, &s.workspaces, "workspace", r.PathValue("workspace_id"))
}

func (s *Server) member(w http.ResponseWriter, r *http.Request) (*client.WorkspaceMember, bool) {
	ws, ok := s.workspace(w, r)
	if !ok {
		return nil, false
	}
	return find(w, s.members[ws.ID], "workspace_member", r.PathValue("user_id"))
}

// AddUser adds a member to the organization (users join through invites
// the fake cannot accept) and returns its ID.
func (s *Server) AddUser(email, name, role string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newID("user")
	s.users.put(id, client.OrganizationUser{ID: id, Type: "user", Email: email, Name: name, Role: client.OrganizationRole(role), AddedAt: s.now()})
	return id
}

// AddAPIKey adds an API key (keys are created in the Console, not through
// the API) to a workspace and returns its ID.
func (s *Server) AddAPIKey(name, workspaceID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newID("apikey")
	s.keys.put(id, client.APIKey{ID: id, Type: "api_key", Name: name, Status: "active", CreatedAt: s.now(), PartialKeyHint: "sk-ant-api03-R2D...igAA", WorkspaceID: workspaceID})
	return id
}

package orgtest

import (
	"net/http"
	"slices"

	"github.com/claudego/claude/client"
)

var memberRoles = []string{"workspace_user", "workspace_developer", "workspace_restricted_developer", "workspace_admin"}

// routeAccounts serves service accounts and their workspace memberships,
// from both sides, and the rate limits.
func (s *Server) routeAccounts(mux *http.ServeMux) {
	const actor = "user_owner"
	mux.HandleFunc("POST /v1/organizations/service_accounts", func(w http.ResponseWriter, r *http.Request) {
		var req client.ServiceAccountCreateRequest
		if !decode(w, r, &req) {
			return
		}
		if !slug.MatchString(req.Name) {
			badRequest(w, "name", "must be a slug of lowercase letters, digits and hyphens")
			return
		}
		role := client.ServiceAccountOrganizationRole(req.OrganizationRole)
		if role == "" {
			role = "developer"
		}
		now := s.now()
		sa := client.ServiceAccount{ID: s.newID("svac"), Type: "service_account", Name: req.Name, Description: req.Description, OrganizationRole: role,
			CreatedAt: now, UpdatedAt: now, CreatedByActorID: actor, UpdatedByActorID: actor}
		writeJSON(w, s.accounts.put(sa.ID, sa))
	})
	mux.HandleFunc("GET /v1/organizations/service_accounts", func(w http.ResponseWriter, r *http.Request) {
		all := r.URL.Query().Get("include_archived") == "true"
		_, rows := s.accounts.list(func(a *client.ServiceAccount) bool { return all || a.ArchivedAt == nil })
		pageByCursor(w, r, rows, 1000)
	})
	account := func(w http.ResponseWriter, id string) (*client.ServiceAccount, bool) {
		return find(w, &s.accounts, "service_account", id)
	}
	mux.HandleFunc("GET /v1/organizations/service_accounts/{id}", show(&s.accounts, "service_account", "id"))
	mux.HandleFunc("POST /v1/organizations/service_accounts/{id}", func(w http.ResponseWriter, r *http.Request) {
		a, ok := account(w, r.PathValue("id"))
		var req client.ServiceAccountUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if req.Description != nil {
			a.Description = *req.Description
		}
		if req.OrganizationRole != "" {
			a.OrganizationRole = client.ServiceAccountOrganizationRole(req.OrganizationRole)
		}
		a.UpdatedAt = s.now()
		writeJSON(w, a)
	})
	mux.HandleFunc("POST /v1/organizations/service_accounts/{id}/archive", func(w http.ResponseWriter, r *http.Request) {
		if a, ok := account(w, r.PathValue("id")); ok {
			now := s.now()
			a.ArchivedAt, a.ArchivedByActorID = &now, actor
			writeJSON(w, a)
		}
	})

	// memberships: one table per workspace, keyed by service account
	add := func(w http.ResponseWriter, saID, wsID, role string) {
		if _, ok := account(w, saID); !ok {
			return
		}
		if _, ok := s.workspaces.get(wsID); !ok {
			notFound(w, "workspace", wsID)
			return
		}
		if !slices.Contains(memberRoles, role) {
			badRequest(w, "workspace_role", "must be workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin")
			return
		}
		m := client.ServiceAccountWorkspaceMember{Type: "service_account_workspace_member", ServiceAccountID: saID, WorkspaceID: wsID,
			WorkspaceRole: client.WorkspaceRole(role), CreatedByActorID: actor}
		writeJSON(w, s.saMembers(wsID).put(saID, m))
	}
	removed := func(w http.ResponseWriter, saID, wsID string) {
		s.saMembers(wsID).remove(saID) // idempotent
		writeJSON(w, client.DeletedServiceAccountWorkspaceMember{Type: "service_account_workspace_member_deleted", ServiceAccountID: saID, WorkspaceID: wsID})
	}
	mux.HandleFunc("POST /v1/organizations/service_accounts/{id}/workspaces", func(w http.ResponseWriter, r *http.Request) {
		var req client.ServiceAccountWorkspaceAddRequest
		if decode(w, r, &req) {
			add(w, r.PathValue("id"), req.WorkspaceID, string(req.WorkspaceRole))
		}
	})
	mux.HandleFunc("GET /v1/organizations/service_accounts/{id}/workspaces", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := account(w, r.PathValue("id")); !ok {
			return
		}
		var rows []client.ServiceAccountWorkspaceMember
		for _, wsID := range s.workspaces.ids {
			if m, ok := s.saMembers(wsID).get(r.PathValue("id")); ok {
				rows = append(rows, *m)
			}
		}
		pageByCursor(w, r, rows, 1000)
	})
	mux.HandleFunc("DELETE /v1/organizations/service_accounts/{id}/workspaces/{workspace_id}", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := account(w, r.PathValue("id")); ok {
			removed(w, r.PathValue("id"), r.PathValue("workspace_id"))
		}
	})
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}/service_accounts", func(w http.ResponseWriter, r *http.Request) {
		var req client.WorkspaceServiceAccountAddRequest
		if decode(w, r, &req) {
			add(w, req.ServiceAccountID, r.PathValue("workspace_id"), string(req.WorkspaceRole))
		}
	})
	mux.HandleFunc("GET /v1/organizations/workspaces/{workspace_id}/service_accounts", func(w http.ResponseWriter, r *http.Request) {
		if ws, ok := s.workspace(w, r); ok {
			_, rows := s.saMembers(ws.ID).list(nil)
			pageByCursor(w, r, rows, 1000)
		}
	})
	saMember := func(w http.ResponseWriter, r *http.Request) (*client.ServiceAccountWorkspaceMember, bool) {
		ws, ok := s.workspace(w, r)
		if !ok {
			return nil, false
		}
		return find(w, s.saMembers(ws.ID), "service_account_workspace_member", r.PathValue("service_account_id"))
	}
	mux.HandleFunc("GET /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", func(w http.ResponseWriter, r *http.Request) {
		if m, ok := saMember(w, r); ok {
			writeJSON(w, m)
		}
	})
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", func(w http.ResponseWriter, r *http.Request) {
		m, ok := saMember(w, r)
		var req client.WorkspaceServiceAccountUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if !slices.Contains(memberRoles, string(req.WorkspaceRole)) {
			badRequest(w, "workspace_role", "must be workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin")
			return
		}
		m.WorkspaceRole = client.WorkspaceRole(req.WorkspaceRole)
		writeJSON(w, m)
	})
	mux.HandleFunc("DELETE /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", func(w http.ResponseWriter, r *http.Request) {
		removed(w, r.PathValue("service_account_id"), r.PathValue("workspace_id"))
	})

	// rate limits: a fixed organization table, per-workspace overrides
	mux.HandleFunc("GET /v1/organizations/rate_limits", func(w http.ResponseWriter, r *http.Request) {
		gt, model := r.URL.Query().Get("group_type"), r.URL.Query().Get("model")
		var rows []client.OrganizationRateLimit
		for _, rl := range orgLimits() {
			if (gt == "" || string(rl.Group.Type) == gt) && (model == "" || slices.Contains(rl.Models, model)) {
				rows = append(rows, rl)
			}
		}
		if model != "" && len(rows) == 0 {
			notFound(w, "model", model)
			return
		}
		pageByCursor(w, r, rows, 1000)
	})
	mux.HandleFunc("GET /v1/organizations/workspaces/{workspace_id}/rate_limits", func(w http.ResponseWriter, r *http.Request) {
		ws, ok := s.workspace(w, r)
		if !ok {
			return
		}
		inherited := r.URL.Query().Get("include_inherited") == "true"
		var rows []client.WorkspaceRateLimit
		for _, rl := range orgLimits() {
			if e := s.workspaceLimit(ws.ID, rl, inherited); len(e.Limits) > 0 {
				rows = append(rows, e)
			}
		}
		pageByCursor(w, r, rows, 1000)
	})
	mux.HandleFunc("POST /v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}", func(w http.ResponseWriter, r *http.Request) {
		ws, ok := s.workspace(w, r)
		var req client.WorkspaceRateLimitUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		var rl *client.OrganizationRateLimit
		for _, x := range orgLimits() {
			if x.ID == r.PathValue("rate_limit_id") {
				rl = &x
			}
		}
		if rl == nil {
			notFound(w, "rate_limit", r.PathValue("rate_limit_id"))
			return
		}
		for _, l := range req.Limits {
			key := ws.ID + "|" + rl.ID + "|" + string(l.Type)
			if l.Value == nil {
				delete(s.overrides, key)
			} else {
				s.overrides[key] = *l.Value
			}
		}
		writeJSON(w, s.workspaceLimit(ws.ID, *rl, false))
	})
}

func (s *Server) saMembers(wsID string) *table[client.ServiceAccountWorkspaceMember] {
	t, ok := s.saByWS[wsID]
	if !ok {
		t = &table[client.ServiceAccountWorkspaceMember]{}
		s.saByWS[wsID] = t
	}
	return t
}

// orgLimits is the organization's fixed rate-limit table.
func orgLimits() []client.OrganizationRateLimit {
	mk := func(id, typ, name string, models []string, rpm int64) client.OrganizationRateLimit {
		return client.OrganizationRateLimit{ID: id, Type: "rate_limit", Models: models,
			Group:  client.RateLimitGroup{ID: "rlg_" + id, Type: client.RateLimitGroupType(typ), DisplayName: name},
			Limits: []client.OrganizationRateLimitValue{{Type: "requests_per_minute", Value: rpm}, {Type: "input_tokens_per_minute", Value: rpm * 500}}}
	}
	return []client.OrganizationRateLimit{
		mk("rl_sonnet", "model_group", "Claude Sonnet 4.x", []string{"claude-sonnet-4-5", "claude-sonnet-4-5-20250929"}, 4000),
		mk("rl_haiku", "model_group", "Claude Haiku 4.x", []string{"claude-haiku-4-5", "claude-haiku-4-5-20251001"}, 4000),
		mk("rl_batch", "batch", "", nil, 4000),
	}
}

// workspaceLimit is a workspace's view of one organization entry: its
// overrides, and with inherited the organization's other values.
func (s *Server) workspaceLimit(wsID string, rl client.OrganizationRateLimit, inherited bool) client.WorkspaceRateLimit {
	e := client.WorkspaceRateLimit{Type: "workspace_rate_limit", WorkspaceID: wsID, RateLimitID: rl.ID, Group: rl.Group, Models: rl.Models, Limits: []client.WorkspaceRateLimitValue{}}
	for _, l := range rl.Limits {
		org := l.Value
		if v, ok := s.overrides[wsID+"|"+rl.ID+"|"+l.Type]; ok {
			e.Limits = append(e.Limits, client.WorkspaceRateLimitValue{Type: l.Type, Value: v, OrgLimit: &org, Source: client.RateLimitSource{Type: "workspace"}})
		} else if inherited {
			e.Limits = append(e.Limits, client.WorkspaceRateLimitValue{Type: l.Type, Value: org, OrgLimit: &org, Source: client.RateLimitSource{Type: "organization"}})
		}
	}
	return e
}

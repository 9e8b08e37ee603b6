package orgtest

import (
	"encoding/json"
	"net/http"
	"regexp"

	"github.com/claudego/claude/client"
)

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// convert re-decodes a request union (or object) as its response twin.
func convert(dst, src any) {
	b, _ := json.Marshal(src)
	_ = json.Unmarshal(b, dst)
}

// routeAdmin serves external keys, federation, service accounts, rate
// limits and compliance settings.
func (s *Server) routeAdmin(mux *http.ServeMux) {
	const actor = "user_owner"
	// external keys
	mux.HandleFunc("POST /v1/organizations/external_keys", func(w http.ResponseWriter, r *http.Request) {
		var req client.ExternalKeyCreateRequest
		if !decode(w, r, &req) {
			return
		}
		if kind, err := req.ProviderConfig.Discriminator(); err != nil || kind == "" {
			badRequest(w, "provider_config.type", "must be aws, gcp or azure")
			return
		}
		now := s.now()
		k := client.ExternalKey{ID: s.newID("ekey"), Type: "external_key", DisplayName: req.DisplayName, Geo: "us", CreatedAt: now, UpdatedAt: now,
			Attachment: client.ExternalKeyAttachment{Type: "unattached"}}
		convert(&k.ProviderConfig, req.ProviderConfig)
		writeJSON(w, s.extKeys.put(k.ID, k))
	})
	mux.HandleFunc("GET /v1/organizations/external_keys", func(w http.ResponseWriter, r *http.Request) {
		_, rows := s.extKeys.list(nil)
		pageByCursor(w, r, rows, 1000)
	})
	extKey := func(w http.ResponseWriter, r *http.Request) (*client.ExternalKey, bool) {
		return find(w, &s.extKeys, "external_key", r.PathValue("id"))
	}
	mux.HandleFunc("GET /v1/organizations/external_keys/{id}", show(&s.extKeys, "external_key", "id"))
	mux.HandleFunc("POST /v1/organizations/external_keys/{id}", func(w http.ResponseWriter, r *http.Request) {
		k, ok := extKey(w, r)
		var req client.ExternalKeyUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if req.DisplayName != "" {
			k.DisplayName = req.DisplayName
		}
		if req.ProviderConfig != nil {
			convert(&k.ProviderConfig, req.ProviderConfig)
		}
		k.UpdatedAt = s.now()
		writeJSON(w, k)
	})
	mux.HandleFunc("DELETE /v1/organizations/external_keys/{id}", func(w http.ResponseWriter, r *http.Request) {
		if k, ok := extKey(w, r); ok {
			s.extKeys.remove(k.ID)
			writeJSON(w, client.DeletedExternalKey{ID: k.ID, Type: "external_key_deleted"})
		}
	})
	mux.HandleFunc("POST /v1/organizations/external_keys/{id}/validate", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := extKey(w, r); ok {
			writeJSON(w, map[string]any{"type": "external_key_validation", "status": "success", "error": nil})
		}
	})

	// federation issuers
	mux.HandleFunc("POST /v1/organizations/federation_issuers", func(w http.ResponseWriter, r *http.Request) {
		var req client.FederationIssuerCreateRequest
		if !decode(w, r, &req) {
			return
		}
		if !slug.MatchString(req.Name) {
			badRequest(w, "name", "must be a slug of lowercase letters, digits and hyphens")
			return
		}
		now := s.now()
		iss := client.FederationIssuer{ID: s.newID("fdis"), Type: "federation_issuer", Name: req.Name, IssuerURL: req.IssuerURL, CheckJti: req.CheckJti == nil || *req.CheckJti,
			MaxJwtLifetimeSeconds: req.MaxJwtLifetimeSeconds, CreatedAt: now, UpdatedAt: now, CreatedByActorID: actor, UpdatedByActorID: actor,
			PollStatus: &client.FederationPollStatus{}}
		if iss.MaxJwtLifetimeSeconds == 0 {
			iss.MaxJwtLifetimeSeconds = 3600
		}
		if req.Jwks != nil {
			convert(&iss.Jwks, req.Jwks)
		} else {
			convert(&iss.Jwks, map[string]string{"type": "discovery"})
		}
		writeJSON(w, s.issuers.put(iss.ID, iss))
	})
	mux.HandleFunc("GET /v1/organizations/federation_issuers", func(w http.ResponseWriter, r *http.Request) {
		all := r.URL.Query().Get("include_archived") == "true"
		_, rows := s.issuers.list(func(i *client.FederationIssuer) bool { return all || i.ArchivedAt == nil })
		pageByCursor(w, r, rows, 1000)
	})
	issuer := func(w http.ResponseWriter, r *http.Request) (*client.FederationIssuer, bool) {
		return find(w, &s.issuers, "federation_issuer", r.PathValue("id"))
	}
	mux.HandleFunc("GET /v1/organizations/federation_issuers/{id}", show(&s.issuers, "federation_issuer", "id"))
	mux.HandleFunc("POST /v1/organizations/federation_issuers/{id}", func(w http.ResponseWriter, r *http.Request) {
		i, ok := issuer(w, r)
		var req client.FederationIssuerUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if req.Name != "" {
			i.Name = req.Name
		}
		if req.IssuerURL != "" {
			i.IssuerURL = req.IssuerURL
		}
		if req.CheckJti != nil {
			i.CheckJti = *req.CheckJti
		}
		if req.MaxJwtLifetimeSeconds != 0 {
			i.MaxJwtLifetimeSeconds = req.MaxJwtLifetimeSeconds
		}
		i.UpdatedAt = s.now()
		writeJSON(w, i)
	})
	mux.HandleFunc("POST /v1/organizations/federation_issuers/{id}/archive", func(w http.ResponseWriter, r *http.Request) {
		if i, ok := issuer(w, r); ok {
			now := s.now()
			i.ArchivedAt, i.ArchivedByActorID = &now, actor
			writeJSON(w, i)
		}
	})

	// federation rules
	mux.HandleFunc("POST /v1/organizations/federation_rules", func(w http.ResponseWriter, r *http.Request) {
		var req client.FederationRuleCreateRequest
		if !decode(w, r, &req) {
			return
		}
		iss, ok := s.issuers.get(req.IssuerID)
		if !ok {
			notFound(w, "federation_issuer", req.IssuerID)
			return
		}
		sa, ok := s.accounts.get(req.Target.ServiceAccountID)
		if !ok {
			notFound(w, "service_account", req.Target.ServiceAccountID)
			return
		}
		now := s.now()
		rule := client.FederationRule{ID: s.newID("fdrl"), Type: "federation_rule", Name: req.Name, Description: req.Description, IssuerID: iss.ID, IssuerName: iss.Name,
			OauthScope: req.OauthScope, TokenLifetimeSeconds: req.TokenLifetimeSeconds, AppliesToAllWorkspaces: req.AppliesToAllWorkspaces,
			CreatedAt: now, UpdatedAt: now, CreatedByActorID: actor, UpdatedByActorID: actor, WorkspaceIds: []string{},
			Target: client.ServiceAccountTarget{Type: "service_account", ServiceAccountID: sa.ID, ServiceAccountName: sa.Name}}
		convert(&rule.Match, req.Match)
		if rule.TokenLifetimeSeconds == 0 {
			rule.TokenLifetimeSeconds = 3600
		}
		s.ruleWS[rule.ID] = &table[client.FederationRuleWorkspace]{}
		if req.WorkspaceID != "" {
			s.ruleWS[rule.ID].put(req.WorkspaceID, client.FederationRuleWorkspace{Type: "federation_rule_workspace", FederationRuleID: rule.ID, WorkspaceID: req.WorkspaceID, CreatedAt: now, CreatedByActorID: actor})
			rule.WorkspaceIds = []string{req.WorkspaceID}
		}
		writeJSON(w, s.rules.put(rule.ID, rule))
	})
	mux.HandleFunc("GET /v1/organizations/federation_rules", func(w http.ResponseWriter, r *http.Request) {
		all, issuerID := r.URL.Query().Get("include_archived") == "true", r.URL.Query().Get("issuer_id")
		_, rows := s.rules.list(func(x *client.FederationRule) bool {
			return (all || x.ArchivedAt == nil) && (issuerID == "" || x.IssuerID == issuerID)
		})
		pageByCursor(w, r, rows, 1000)
	})
	rule := func(w http.ResponseWriter, r *http.Request) (*client.FederationRule, bool) {
		return find(w, &s.rules, "federation_rule", r.PathValue("id"))
	}
	mux.HandleFunc("GET /v1/organizations/federation_rules/{id}", show(&s.rules, "federation_rule", "id"))
	mux.HandleFunc("POST /v1/organizations/federation_rules/{id}", func(w http.ResponseWriter, r *http.Request) {
		x, ok := rule(w, r)
		var req client.FederationRuleUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if req.Name != "" {
			x.Name = req.Name
		}
		if req.Description != nil {
			x.Description = *req.Description
		}
		if req.OauthScope != "" {
			x.OauthScope = req.OauthScope
		}
		if req.TokenLifetimeSeconds != 0 {
			x.TokenLifetimeSeconds = req.TokenLifetimeSeconds
		}
		if req.Match != nil {
			convert(&x.Match, req.Match)
		}
		x.UpdatedAt = s.now()
		writeJSON(w, x)
	})
	mux.HandleFunc("POST /v1/organizations/federation_rules/{id}/archive", func(w http.ResponseWriter, r *http.Request) {
		if x, ok := rule(w, r); ok {
			now := s.now()
			x.ArchivedAt, x.ArchivedByActorID = &now, actor
			writeJSON(w, x)
		}
	})
	mux.HandleFunc("POST /v1/organizations/federation_rules/{id}/workspaces", func(w http.ResponseWriter, r *http.Request) {
		x, ok := rule(w, r)
		var req client.FederationRuleWorkspaceAddRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if _, ok := s.workspaces.get(req.WorkspaceID); !ok {
			notFound(w, "workspace", req.WorkspaceID)
			return
		}
		e := client.FederationRuleWorkspace{Type: "federation_rule_workspace", FederationRuleID: x.ID, WorkspaceID: req.WorkspaceID, CreatedAt: s.now(), CreatedByActorID: actor}
		s.ruleWS[x.ID].put(req.WorkspaceID, e)
		x.WorkspaceIds, _ = s.ruleWS[x.ID].list(nil)
		writeJSON(w, e)
	})
	mux.HandleFunc("GET /v1/organizations/federation_rules/{id}/workspaces", func(w http.ResponseWriter, r *http.Request) {
		if x, ok := rule(w, r); ok {
			_, rows := s.ruleWS[x.ID].list(nil)
			for i := range rows {
				if ws, ok := s.workspaces.get(rows[i].WorkspaceID); ok {
					rows[i].WorkspaceName = ws.Name
				}
			}
			pageByCursor(w, r, rows, 1000)
		}
	})
	mux.HandleFunc("DELETE /v1/organizations/federation_rules/{id}/workspaces/{workspace_id}", func(w http.ResponseWriter, r *http.Request) {
		if x, ok := rule(w, r); ok {
			s.ruleWS[x.ID].remove(r.PathValue("workspace_id")) // idempotent
			x.WorkspaceIds, _ = s.ruleWS[x.ID].list(nil)
			writeJSON(w, client.DeletedFederationRuleWorkspace{Type: "federation_rule_workspace_deleted", FederationRuleID: x.ID, WorkspaceID: r.PathValue("workspace_id")})
		}
	})

	// compliance settings
	mux.HandleFunc("GET /v1/organizations/compliance_settings", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, client.ComplianceSettings{Type: "compliance_settings", State: client.ComplianceState{Type: client.ComplianceStateType(s.compliance())}})
	})
	mux.HandleFunc("POST /v1/organizations/compliance_settings", func(w http.ResponseWriter, r *http.Request) {
		var req client.ComplianceSettingsUpdateRequest
		if !decode(w, r, &req) {
			return
		}
		if st := string(req.State.Type); st != "enabled" && st != "disabled" {
			badRequest(w, "state.type", "must be enabled or disabled")
			return
		}
		s.complianceState = string(req.State.Type)
		writeJSON(w, client.ComplianceSettings{Type: "compliance_settings", State: client.ComplianceState{Type: client.ComplianceStateType(s.complianceState)}})
	})
}

func (s *Server) compliance() string {
	if s.complianceState == "" {
		return "disabled"
	}
	return s.complianceState
}

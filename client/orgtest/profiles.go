package orgtest

import (
	"net/http"
	"strings"
	"time"

	"github.com/claudego/claude/client"
)

func (s *Server) routeProfiles(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/user_profiles", func(w http.ResponseWriter, r *http.Request) {
		var req client.UserProfileCreateRequest
		if !decode(w, r, &req) || !checkMetadata(w, req.Metadata) {
			return
		}
		now := s.now()
		p := client.UserProfile{ID: s.newID("uprof"), Type: "user_profile", Name: req.Name, AccessType: client.UserProfileAccessType(req.AccessType),
			CreatedAt: now, UpdatedAt: now, Metadata: map[string]string{}}
		if p.AccessType == "" {
			p.AccessType = "application"
		}
		for k, v := range req.Metadata {
			p.Metadata[k] = v
		}
		p.ExternalUserDetails = details(nil, req.ExternalUserDetails)
		writeJSON(w, s.profiles.put(p.ID, p))
	})
	mux.HandleFunc("GET /v1/user_profiles", func(w http.ResponseWriter, r *http.Request) {
		_, rows := s.profiles.list(nil)
		if r.URL.Query().Get("order") != "asc" { // default desc: newest first
			for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
				rows[i], rows[j] = rows[j], rows[i]
			}
		}
		pageByCursor(w, r, rows, 100)
	})
	mux.HandleFunc("GET /v1/user_profiles/{user_profile_id}", func(w http.ResponseWriter, r *http.Request) {
		if p, ok := s.profile(w, r); ok {
			writeJSON(w, p)
		}
	})
	mux.HandleFunc("POST /v1/user_profiles/{user_profile_id}", func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.profile(w, r)
		var req client.UserProfileUpdateRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if len(req.Metadata) > 16 {
			badRequest(w, "metadata", "at most 16 keys")
			return
		}
		if req.Name != nil {
			p.Name = *req.Name
		}
		if req.AccessType != "" {
			p.AccessType = client.UserProfileAccessType(req.AccessType)
		}
		for k, v := range req.Metadata {
			if v == "" {
				delete(p.Metadata, k)
			} else {
				p.Metadata[k] = v
			}
		}
		if len(p.Metadata) > 16 {
			badRequest(w, "metadata", "at most 16 keys")
			return
		}
		p.ExternalUserDetails = details(p.ExternalUserDetails, req.ExternalUserDetails)
		p.UpdatedAt = s.now()
		writeJSON(w, p)
	})
	mux.HandleFunc("DELETE /v1/user_profiles/{user_profile_id}", func(w http.ResponseWriter, r *http.Request) {
		if p, ok := s.profile(w, r); ok {
			s.profiles.remove(p.ID)
			writeJSON(w, client.DeletedUserProfile{ID: p.ID, Type: "user_profile_deleted"})
		}
	})
	mux.HandleFunc("POST /v1/user_profiles/{user_profile_id}/action_urls", func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.profile(w, r)
		var req client.UserProfileActionURLRequest
		if !ok || !decode(w, r, &req) {
			return
		}
		if req.Action.Type != "enroll_end_user" {
			badRequest(w, "action.type", "must be enroll_end_user")
			return
		}
		writeJSON(w, client.UserProfileActionURL{Type: "user_profile_action_url", URL: "https://claude.example/enroll/" + p.ID, ExpiresAt: s.now().Add(time.Hour)})
	})
}

func (s *Server) profile(w http.ResponseWriter, r *http.Request) (*client.UserProfile, bool) {
	return find(w, &s.profiles, "user_profile", r.PathValue("user_profile_id"))
}

func checkMetadata(w http.ResponseWriter, m map[string]string) bool {
	if len(m) > 16 {
		badRequest(w, "metadata", "at most 16 keys")
		return false
	}
	for k, v := range m {
		if v == "" || len(k) > 64 || len(v) > 512 || strings.TrimSpace(k) == "" {
			badRequest(w, "metadata."+k, "keys must be 1 to 64 characters and values 1 to 512")
			return false
		}
	}
	return true
}

// details merges the sent external user details into the stored ones; the
// API reports every field, null until supplied.
func details(cur *client.UserProfileExternalUserDetails, in *client.UserProfileExternalUserDetailsParam) *client.UserProfileExternalUserDetails {
	d := client.UserProfileExternalUserDetails{}
	if cur != nil {
		d = *cur
	}
	if in == nil {
		return &d
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&d.Country, in.Country)
	set(&d.EmailHash, in.EmailHash)
	set(&d.NameHash, in.NameHash)
	set(&d.ReferenceID, in.ReferenceID)
	if in.AccountStatus != "" {
		d.AccountStatus = client.UserProfileExternalUserDetailsAccountStatus(in.AccountStatus)
	}
	if in.EntityType != "" {
		d.EntityType = client.UserProfileExternalUserDetailsEntityType(in.EntityType)
	}
	if in.OnboardedAt != nil {
		d.OnboardedAt = in.OnboardedAt
	}
	return &d
}

package orgtest

import (
	"bufio"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"

	"github.com/claudego/claude/client"
)

func (s *Server) routeSkills(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/skills", func(w http.ResponseWriter, r *http.Request) {
		name, desc, ok := readSkillUpload(w, r)
		if !ok {
			return
		}
		now := s.now()
		sk := client.Skill{ID: s.newID("skill"), Type: "skill", CreatedAt: now, UpdatedAt: now, DisplayName: r.FormValue("display_name"), Source: client.SkillSource{Type: "custom"}}
		if sk.DisplayName == "" {
			sk.DisplayName = name
		}
		if len([]rune(sk.DisplayName)) > 255 {
			badRequest(w, "display_name", "must be at most 255 characters")
			return
		}
		v := s.addVersion(sk.ID, name, desc)
		sk.LatestVersionID = v.ID
		writeJSON(w, s.skills.put(sk.ID, sk))
	})
	mux.HandleFunc("GET /v1/skills", func(w http.ResponseWriter, r *http.Request) {
		src := r.URL.Query().Get("source")
		_, rows := s.skills.list(func(sk *client.Skill) bool { return src == "" || string(sk.Source.Type) == src })
		pageByCursor(w, r, rows, 1000)
	})
	mux.HandleFunc("GET /v1/skills/{skill_id}", func(w http.ResponseWriter, r *http.Request) {
		if sk, ok := s.skill(w, r); ok {
			writeJSON(w, sk)
		}
	})
	mux.HandleFunc("DELETE /v1/skills/{skill_id}", func(w http.ResponseWriter, r *http.Request) {
		sk, ok := s.skill(w, r)
		if !ok {
			return
		}
		if len(s.versions[sk.ID].ids) > 0 {
			badRequest(w, "skill_id", "delete the Skill's versions first")
			return
		}
		s.skills.remove(sk.ID)
		writeJSON(w, client.DeletedSkill{ID: sk.ID, Type: "skill_deleted"})
	})
	mux.HandleFunc("POST /v1/skills/{skill_id}/versions", func(w http.ResponseWriter, r *http.Request) {
		sk, ok := s.skill(w, r)
		if !ok {
			return
		}
		name, desc, ok := readSkillUpload(w, r)
		if !ok {
			return
		}
		if vs := s.versions[sk.ID]; len(vs.ids) > 0 && vs.rows[vs.ids[0]].Name != name {
			badRequest(w, "files", fmt.Sprintf("SKILL.md name %q does not match the Skill's %q", name, vs.rows[vs.ids[0]].Name))
			return
		}
		v := s.addVersion(sk.ID, name, desc)
		sk.LatestVersionID, sk.UpdatedAt = v.ID, v.CreatedAt
		writeJSON(w, v)
	})
	mux.HandleFunc("GET /v1/skills/{skill_id}/versions", func(w http.ResponseWriter, r *http.Request) {
		if sk, ok := s.skill(w, r); ok {
			_, rows := s.versions[sk.ID].list(nil)
			pageByCursor(w, r, rows, 1000)
		}
	})
	mux.HandleFunc("GET /v1/skills/{skill_id}/versions/{version}", func(w http.ResponseWriter, r *http.Request) {
		if v, ok := s.version(w, r); ok {
			writeJSON(w, v)
		}
	})
	mux.HandleFunc("DELETE /v1/skills/{skill_id}/versions/{version}", func(w http.ResponseWriter, r *http.Request) {
		if v, ok := s.version(w, r); ok {
			s.versions[v.SkillID].remove(v.ID)
			if sk, ok := s.skills.get(v.SkillID); ok {
				if ids := s.versions[v.SkillID].ids; len(ids) > 0 {
					sk.LatestVersionID = ids[len(ids)-1]
				}
			}
			writeJSON(w, client.DeletedSkillVersion{ID: v.ID, Type: "skill_version_deleted"})
		}
	})
}

func (s *Server) addVersion(skillID, name, desc string) *client.SkillVersion {
	if s.versions[skillID] == nil {
		s.versions[skillID] = &table[client.SkillVersion]{}
	}
	now := s.now()
	v := client.SkillVersion{ID: s.newID("skillver"), Type: "skill_version", SkillID: skillID, Name: name, Description: desc, CreatedAt: now, Version: fmt.Sprint(now.UnixMicro())}
	return s.versions[skillID].put(v.ID, v)
}

func (s *Server) skill(w http.ResponseWriter, r *http.Request) (*client.Skill, bool) {
	return find(w, &s.skills, "skill", r.PathValue("skill_id"))
}

func (s *Server) version(w http.ResponseWriter, r *http.Request) (*client.SkillVersion, bool) {
	sk, ok := s.skill(w, r)
	if !ok {
		return nil, false
	}
	id := r.PathValue("version")
	vs := s.versions[sk.ID]
	if id == "latest" {
		id = sk.LatestVersionID
	}
	v, ok := vs.get(id)
	if !ok {
		notFound(w, "skill_version", r.PathValue("version"))
	}
	return v, ok
}

// readSkillUpload reads the files[] parts of a Skill upload, streaming each
// (nothing is kept but SKILL.md's frontmatter), and checks the API's rules:
// one top-level directory holding SKILL.md, whose frontmatter names the
// Skill.
func readSkillUpload(w http.ResponseWriter, r *http.Request) (name, desc string, ok bool) {
	mr, err := r.MultipartReader()
	if err != nil {
		badRequest(w, "files", "the body must be multipart/form-data: "+err.Error())
		return "", "", false
	}
	top, seen := "", 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			badRequest(w, "files", err.Error())
			return "", "", false
		}
		switch part.FormName() {
		case "display_name":
			b, _ := io.ReadAll(io.LimitReader(part, 1024))
			r.Form = map[string][]string{"display_name": {string(b)}}
			continue
		case "files[]", "files":
		default:
			badRequest(w, part.FormName(), "unknown field")
			return "", "", false
		}
		seen++
		p := path.Clean(rawFilename(part))
		dir, rest, nested := strings.Cut(p, "/")
		if !nested || (top != "" && dir != top) {
			badRequest(w, "files", "all files must be in the same top-level directory: "+rawFilename(part))
			return "", "", false
		}
		top = dir
		if rest == "SKILL.md" {
			name, desc = frontmatter(part)
			if name == "" {
				name = dir
			}
		}
		_, _ = io.Copy(io.Discard, part)
	}
	if seen == 0 || name == "" {
		badRequest(w, "files", "must include a SKILL.md at the root of the top-level directory")
		return "", "", false
	}
	return name, desc, true
}

// frontmatter reads name and description from a SKILL.md's YAML
// frontmatter (--- lines around key: value pairs).
func frontmatter(r io.Reader) (name, desc string) {
	sc := bufio.NewScanner(r)
	if !sc.Scan() || strings.TrimSpace(sc.Text()) != "---" {
		return "", ""
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "---" {
			break
		}
		k, v, _ := strings.Cut(line, ":")
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.TrimSpace(k) {
		case "name":
			name = v
		case "description":
			desc = v
		}
	}
	return name, desc
}

// rawFilename is the part's filename as sent: Part.FileName keeps only the
// base name, and a Skill's files are named by their path.
func rawFilename(p *multipart.Part) string {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return ""
	}
	return params["filename"]
}

package client

import (
	"context"
	"io"
	"iter"
	"net/http"
	"path"
	"strings"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
)

// SkillsService creates, lists and deletes Skills: folders of instructions
// and files (a SKILL.md at the root) that Claude loads in the code execution
// container. Versions manages each Skill's immutable versions. Skills
// authenticate with the API key; WithWorkspaceID selects the workspace.
type SkillsService struct {
	s *service
	// Versions: the versions of one Skill.
	Versions *SkillVersionsService
}

// SkillVersionsService creates, lists and deletes the versions of a Skill.
type SkillVersionsService service

// SkillFile is one file of a Skill upload.
type SkillFile struct {
	// Path is the file's path inside the upload, such as
	// "my-skill/SKILL.md" or "my-skill/scripts/run.py"; required. Every file
	// must sit under the same top-level directory, which holds SKILL.md.
	Path string
	// ContentType is the file's MIME type; empty means the type of its
	// extension, else application/octet-stream.
	ContentType string
	// Content is streamed into the request, never held in memory whole (see
	// FileUploadParams.Content: seekable contents make the upload
	// replayable by the retry layer); required.
	Content io.Reader
}

// SkillCreateParams is a new Skill.
type SkillCreateParams struct {
	// DisplayName is a single-line label, at most 255 characters; empty
	// means the SKILL.md frontmatter name.
	DisplayName string
	// Files are the Skill's files; at least one, a SKILL.md among them.
	Files []SkillFile
}

// maxSkillDisplayName is the API's documented limit for display_name.
const maxSkillDisplayName = 255

// validateSkillFiles checks what the API documents for a Skill upload: at
// least one file, each with a path and content, all under one top-level
// directory, with SKILL.md at its root.
func validateSkillFiles(files []SkillFile) error {
	var v validator
	if len(files) == 0 {
		v.add("files", "must contain at least one file, including SKILL.md")
		return v.err()
	}
	top, hasSkillMD := "", false
	for i, f := range files {
		field := "files[" + itoa(i) + "]"
		p := strings.TrimPrefix(path.Clean(strings.ReplaceAll(f.Path, `\`, "/")), "/")
		switch {
		case strings.TrimSpace(f.Path) == "" || p == ".":
			v.add(field+".path", "must not be empty")
			continue
		case f.Content == nil:
			v.add(field+".content", "must not be nil")
		}
		dir, rest, nested := strings.Cut(p, "/")
		if !nested || strings.HasPrefix(p, "../") {
			v.add(field+".path", "%q must sit inside the Skill's top-level directory (like my-skill/SKILL.md)", f.Path)
			continue
		}
		if top == "" {
			top = dir
		} else if dir != top {
			v.add(field+".path", "%q is outside the top-level directory %q; all files must share it", f.Path, top)
		}
		if rest == "SKILL.md" {
			hasSkillMD = true
		}
	}
	if !hasSkillMD && top != "" {
		v.add("files", "must include %s/SKILL.md", top)
	}
	return v.err()
}

func validateDisplayName(name string) error {
	switch {
	case len([]rune(name)) > maxSkillDisplayName:
		return &ValidationError{Field: "display_name", Reason: "must be at most 255 characters, got " + itoa(len([]rune(name)))}
	case strings.ContainsAny(name, "\r\n"):
		return &ValidationError{Field: "display_name", Reason: "must be a single line"}
	}
	return nil
}

// skillForm is the multipart body of a Skill or version upload: each file a
// part named files[] whose filename is its path.
func skillForm(displayName string, files []SkillFile) (*multipartBody, error) {
	var fields []formField
	if displayName != "" {
		fields = append(fields, formField{"display_name", displayName})
	}
	parts := make([]formFile, len(files))
	for i, f := range files {
		parts[i] = formFile{field: "files[]", filename: f.Path, contentType: f.ContentType, content: f.Content}
	}
	return buildMultipart(fields, parts)
}

// Create uploads a new Skill and returns it with its first version.
//
// API: POST /v1/skills
//
// The files are streamed as multipart (see SkillFile.Content). Before
// sending, the upload is checked (validateSkillFiles: files present, one
// top-level directory, its SKILL.md; display_name at most 255 characters on
// one line): a *ValidationError, nothing sent.
func (s *SkillsService) Create(ctx context.Context, params SkillCreateParams, opts ...Option) (*Skill, error) {
	const op = "skills.create"
	cfg, err := s.s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if !cfg.skipValidation {
		if err := joinErrs(validateDisplayName(params.DisplayName), validateSkillFiles(params.Files)); err != nil {
			return nil, apierror.Wrap(op, err)
		}
	}
	body, err := skillForm(params.DisplayName, params.Files)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	return sendMultipart[Skill](ctx, s.s.client, op, cfg, body, func(server, ct string, r io.Reader) (*http.Request, error) {
		return gen.NewCreateSkillRequestWithBody(server, nil, ct, r)
	})
}

// Get returns one Skill.
//
// API: GET /v1/skills/{skill_id}
func (s *SkillsService) Get(ctx context.Context, skillID string, opts ...Option) (*Skill, error) {
	return call[Skill](ctx, s.s, "skills.get", credentialAPI, opts, []pathID{id("skill_id", skillID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetSkillRequest(server, skillID, nil)
	})
}

// Delete deletes a Skill. The API refuses while the Skill still has
// versions: delete them first (Versions.Delete).
//
// API: DELETE /v1/skills/{skill_id}
func (s *SkillsService) Delete(ctx context.Context, skillID string, opts ...Option) (*DeletedSkill, error) {
	return call[DeletedSkill](ctx, s.s, "skills.delete", credentialAPI, opts, []pathID{id("skill_id", skillID)}, nil, func(server string) (*http.Request, error) {
		return gen.NewDeleteSkillRequest(server, skillID, nil)
	})
}

// SkillListParams filters and pages the Skill list.
type SkillListParams struct {
	CursorParams
	// Source keeps only Skills from this source ("custom" or "anthropic");
	// empty means all.
	Source string
}

// ListPage returns one page of Skills; pass the page's NextPage as
// params.Page for the next.
//
// API: GET /v1/skills
func (s *SkillsService) ListPage(ctx context.Context, params SkillListParams, opts ...Option) (*SkillListResponse, error) {
	return call[SkillListResponse](ctx, s.s, "skills.list", credentialAPI, opts, nil, func() error {
		if err := params.validate(1000); err != nil {
			return err
		}
		switch params.Source {
		case "", "custom", "anthropic":
			return nil
		}
		return &ValidationError{Field: "source", Reason: `must be "custom" or "anthropic", got "` + params.Source + `"`}
	}, func(server string) (*http.Request, error) {
		return gen.NewListSkillsRequest(server, &gen.ListSkillsParams{Page: params.page(), Limit: params.limit(), Source: nonZero(params.Source)})
	})
}

// List iterates over every Skill, following next_page from params.Page. An
// error ends the iteration after being yielded once; breaking out of the
// loop stops fetching.
//
// API: GET /v1/skills
func (s *SkillsService) List(ctx context.Context, params SkillListParams, opts ...Option) iter.Seq2[Skill, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]Skill, string, error) {
		p := params
		p.Page = page
		resp, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return resp.Data, resp.NextPage, nil
	})
}

// Create uploads a new version of a Skill. Its files follow the same rules
// as SkillsService.Create, and the SKILL.md name must match the Skill's.
//
// API: POST /v1/skills/{skill_id}/versions
func (s *SkillVersionsService) Create(ctx context.Context, skillID string, files []SkillFile, opts ...Option) (*SkillVersion, error) {
	const op = "skills.versions.create"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if skillID == "" {
		return nil, apierror.Wrap(op, &ValidationError{Field: "skill_id", Reason: "must not be empty"})
	}
	if !cfg.skipValidation {
		if err := validateSkillFiles(files); err != nil {
			return nil, apierror.Wrap(op, err)
		}
	}
	body, err := skillForm("", files)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	return sendMultipart[SkillVersion](ctx, s.client, op, cfg, body, func(server, ct string, r io.Reader) (*http.Request, error) {
		return gen.NewCreateSkillVersionRequestWithBody(server, skillID, nil, ct, r)
	})
}

// Get returns one version of a Skill; version is a version ID or "latest".
//
// API: GET /v1/skills/{skill_id}/versions/{version}
func (s *SkillVersionsService) Get(ctx context.Context, skillID, version string, opts ...Option) (*SkillVersion, error) {
	return call[SkillVersion](ctx, (*service)(s), "skills.versions.get", credentialAPI, opts, []pathID{id("skill_id", skillID), id("version", version)}, nil, func(server string) (*http.Request, error) {
		return gen.NewGetSkillVersionRequest(server, skillID, version, nil)
	})
}

// Delete deletes one version of a Skill.
//
// API: DELETE /v1/skills/{skill_id}/versions/{version}
func (s *SkillVersionsService) Delete(ctx context.Context, skillID, version string, opts ...Option) (*DeletedSkillVersion, error) {
	return call[DeletedSkillVersion](ctx, (*service)(s), "skills.versions.delete", credentialAPI, opts, []pathID{id("skill_id", skillID), id("version", version)}, nil, func(server string) (*http.Request, error) {
		return gen.NewDeleteSkillVersionRequest(server, skillID, version, nil)
	})
}

// ListPage returns one page of a Skill's versions.
//
// API: GET /v1/skills/{skill_id}/versions
func (s *SkillVersionsService) ListPage(ctx context.Context, skillID string, params CursorParams, opts ...Option) (*SkillVersionListResponse, error) {
	return call[SkillVersionListResponse](ctx, (*service)(s), "skills.versions.list", credentialAPI, opts, []pathID{id("skill_id", skillID)}, func() error { return params.validate(1000) }, func(server string) (*http.Request, error) {
		return gen.NewListSkillVersionsRequest(server, skillID, &gen.ListSkillVersionsParams{Page: params.page(), Limit: params.limit()})
	})
}

// List iterates over every version of a Skill, following next_page.
//
// API: GET /v1/skills/{skill_id}/versions
func (s *SkillVersionsService) List(ctx context.Context, skillID string, params CursorParams, opts ...Option) iter.Seq2[SkillVersion, error] {
	return paginateCursor(ctx, params.Page, func(ctx context.Context, page string) ([]SkillVersion, string, error) {
		p := params
		p.Page = page
		resp, err := s.ListPage(ctx, skillID, p, opts...)
		if err != nil {
			return nil, "", err
		}
		return resp.Data, resp.NextPage, nil
	})
}

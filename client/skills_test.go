package client_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// skillMD is a minimal SKILL.md.
const skillMD = "---\nname: greeting\ndescription: Greets people.\n---\nSay hello.\n"

func skillFiles(dir string) []client.SkillFile {
	return []client.SkillFile{
		{Path: dir + "/SKILL.md", Content: strings.NewReader(skillMD)},
		{Path: dir + "/scripts/hello.py", Content: strings.NewReader("print('hello')\n")},
	}
}

func TestSkillsLifecycle(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	sk, err := c.Skills.Create(ctx, client.SkillCreateParams{Files: skillFiles("greeting")})
	if err != nil {
		t.Fatal(err)
	}
	if sk.DisplayName != "greeting" || sk.LatestVersionID == "" || sk.Source.Type != "custom" {
		t.Fatalf("Create = %+v", sk)
	}
	// A version from a reader that cannot seek: streamed through the pipe.
	pr, pw := io.Pipe()
	go func() { _, _ = io.WriteString(pw, skillMD); pw.Close() }()
	v2, err := c.Skills.Versions.Create(ctx, sk.ID, []client.SkillFile{{Path: "greeting/SKILL.md", Content: pr}})
	if err != nil || v2.Name != "greeting" || v2.Description != "Greets people." {
		t.Fatalf("Versions.Create = %+v, %v", v2, err)
	}
	if latest, err := c.Skills.Versions.Get(ctx, sk.ID, "latest"); err != nil || latest.ID != v2.ID {
		t.Fatalf("Get latest = %+v, %v", latest, err)
	}
	versions := collect(t, c.Skills.Versions.List(ctx, sk.ID, client.CursorParams{Limit: 1}))
	if len(versions) != 2 {
		t.Fatalf("Versions.List paged to %d, want 2", len(versions))
	}
	if _, err := c.Skills.Delete(ctx, sk.ID); !errors.Is(err, client.ErrBadRequest) {
		t.Errorf("Delete with versions: %v, want a 400", err)
	}
	for _, v := range versions {
		if _, err := c.Skills.Versions.Delete(ctx, sk.ID, v.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Skills.Delete(ctx, sk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Skills.Get(ctx, sk.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
}

func TestSkillsListPages(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	for _, name := range []string{"one", "two", "three"} {
		if _, err := c.Skills.Create(ctx, client.SkillCreateParams{DisplayName: name, Files: skillFiles("greeting")}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.Skills.ListPage(ctx, client.SkillListParams{CursorParams: client.CursorParams{Limit: 2}})
	if err != nil || len(page.Data) != 2 || page.NextPage == "" {
		t.Fatalf("ListPage = %+v, %v", page, err)
	}
	all := collect(t, c.Skills.List(ctx, client.SkillListParams{CursorParams: client.CursorParams{Limit: 2}}))
	if len(all) != 3 || all[2].DisplayName != "three" {
		t.Fatalf("List = %+v", all)
	}
	if n := len(collect(t, c.Skills.List(ctx, client.SkillListParams{Source: "anthropic"}))); n != 0 {
		t.Errorf("source=anthropic kept %d custom skills", n)
	}
}

// TestSkillsMultipart checks the wire format: one part per file named
// files[] with its path as filename, display_name as a field, and a
// Content-Length when every content is seekable.
func TestSkillsMultipart(t *testing.T) {
	t.Parallel()
	type part struct{ name, filename, body string }
	got := make(chan []part, 1)
	lengths := make(chan int64, 1)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lengths <- r.ContentLength
		mr, err := r.MultipartReader()
		if err != nil {
			t.Error(err)
			return
		}
		var parts []part
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			b, _ := io.ReadAll(p)
			_, params, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition")) // FileName() keeps only the base
			parts = append(parts, part{p.FormName(), params["filename"], string(b)})
		}
		got <- parts
		_, _ = io.WriteString(w, `{"id":"skill_1","type":"skill","display_name":"Hi","latest_version_id":"v1","source":{"type":"custom"},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`)
	}))
	if _, err := c.Skills.Create(context.Background(), client.SkillCreateParams{DisplayName: "Hi", Files: skillFiles("greeting")}); err != nil {
		t.Fatal(err)
	}
	want := []part{{"display_name", "", "Hi"}, {"files[]", "greeting/SKILL.md", skillMD}, {"files[]", "greeting/scripts/hello.py", "print('hello')\n"}}
	parts := <-got
	if len(parts) != len(want) {
		t.Fatalf("parts = %+v", parts)
	}
	for i := range want {
		if parts[i] != want[i] {
			t.Errorf("part %d = %+v, want %+v", i, parts[i], want[i])
		}
	}
	if n := <-lengths; n <= 0 {
		t.Errorf("Content-Length = %d; seekable contents should give a known length", n)
	}
}

func TestSkillsValidation(t *testing.T) {
	t.Parallel()
	c, _ := setupOrg(t)
	ctx := context.Background()
	md := func(p string) client.SkillFile { return client.SkillFile{Path: p, Content: strings.NewReader(skillMD)} }
	cases := []struct {
		name   string
		params client.SkillCreateParams
		field  string
	}{
		{"no files", client.SkillCreateParams{}, "files"},
		{"no SKILL.md", client.SkillCreateParams{Files: []client.SkillFile{md("greeting/README.md")}}, "files"},
		{"two directories", client.SkillCreateParams{Files: []client.SkillFile{md("a/SKILL.md"), md("b/x.txt")}}, "files[1].path"},
		{"top-level file", client.SkillCreateParams{Files: []client.SkillFile{md("SKILL.md")}}, "files[0].path"},
		{"empty path", client.SkillCreateParams{Files: []client.SkillFile{md("")}}, "files[0].path"},
		{"nil content", client.SkillCreateParams{Files: []client.SkillFile{{Path: "a/SKILL.md"}}}, "files[0].content"},
		{"long name", client.SkillCreateParams{DisplayName: strings.Repeat("x", 256), Files: []client.SkillFile{md("a/SKILL.md")}}, "display_name"},
		{"two-line name", client.SkillCreateParams{DisplayName: "a\nb", Files: []client.SkillFile{md("a/SKILL.md")}}, "display_name"},
	}
	for _, tc := range cases {
		_, err := c.Skills.Create(ctx, tc.params)
		var ve *client.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: err = %v, want a ValidationError on %s", tc.name, err, tc.field)
		}
	}
	if _, err := c.Skills.Versions.Get(ctx, "skill_1", ""); !errors.Is(err, client.ErrValidation) || !strings.Contains(err.Error(), "version") {
		t.Errorf("empty version: %v", err)
	}
	if _, err := c.Skills.ListPage(ctx, client.SkillListParams{Source: "mine"}); !errors.Is(err, client.ErrValidation) {
		t.Errorf("bad source: %v", err)
	}
}

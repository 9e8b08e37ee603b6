package emulator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/emulator"
)

// filesSetup starts an emulator and a real client pointed at it.
func filesSetup(t *testing.T, cfg emulator.Config) (*emulator.Server, *client.Client) {
	t.Helper()
	srv, err := emulator.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// The Files API round trip through c.Files: upload (multipart, seekable and
// streamed content), get, list with paging both ways, download of a file
// the API created, refusal to download an upload, delete.
func TestFilesWithRealClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, c := filesSetup(t, emulator.Config{})

	csv := "name,qty\napple,3\npear,5\n"
	up, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "data.csv", Content: strings.NewReader(csv)})
	if err != nil {
		t.Fatalf("Upload: %v", err)
	}
	if !strings.HasPrefix(up.ID, "file_emu_") || up.Filename != "data.csv" || up.MimeType != "text/csv" ||
		up.SizeBytes != int64(len(csv)) || up.Downloadable == nil || *up.Downloadable || up.CreatedAt.IsZero() {
		t.Fatalf("uploaded: %+v", up)
	}
	// A reader that is neither seekable nor sized goes through the pipe, chunked.
	piped, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "notes.bin", ContentType: "application/x-notes",
		Content: io.MultiReader(strings.NewReader("part one, "), strings.NewReader("part two"))})
	if err != nil {
		t.Fatalf("Upload (streamed): %v", err)
	}
	if piped.SizeBytes != 18 || piped.MimeType != "application/x-notes" {
		t.Fatalf("streamed upload: %+v", piped)
	}

	got, err := c.Files.Get(ctx, up.ID)
	if err != nil || got.ID != up.ID || got.SizeBytes != up.SizeBytes {
		t.Fatalf("Get: %+v, %v", got, err)
	}

	// An upload is never served back, as the API does.
	_, err = c.Files.Download(ctx, up.ID)
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !strings.Contains(apiErr.Message, "cannot be downloaded") {
		t.Fatalf("Download of an upload: %v", err)
	}
	// A file the API created is.
	report := []byte("%PDF-1.7 emulated report")
	id, err := srv.Handler().AddFile("report.pdf", "application/pdf", report)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := c.Files.Download(ctx, id)
	if err != nil {
		t.Fatalf("Download: %v", err)
	}
	data, err := io.ReadAll(rc)
	if cerr := rc.Close(); err != nil || cerr != nil || !bytes.Equal(data, report) {
		t.Fatalf("downloaded %q, %v, %v", data, err, cerr)
	}

	// Newest first; pages of one, forward with the iterator, back with before_id.
	var names []string
	for f, err := range c.Files.List(ctx, client.FileListParams{ListParams: client.ListParams{Limit: 1}}) {
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		names = append(names, f.Filename)
	}
	if fmt.Sprint(names) != "[report.pdf notes.bin data.csv]" {
		t.Fatalf("listed %v", names)
	}
	page, err := c.Files.ListPage(ctx, client.FileListParams{ListParams: client.ListParams{Limit: 2}})
	if err != nil || len(page.Data) != 2 || !page.HasMore || page.LastID != piped.ID {
		t.Fatalf("first page: %+v, %v", page, err)
	}
	back, err := c.Files.ListPage(ctx, client.FileListParams{ListParams: client.ListParams{BeforeID: up.ID, Limit: 1}})
	if err != nil || len(back.Data) != 1 || back.Data[0].ID != piped.ID {
		t.Fatalf("page before the oldest: %+v, %v", back, err)
	}
	// ids[] keeps the files named (unknown IDs left out), as one page.
	byID, err := c.Files.ListPage(ctx, client.FileListParams{IDs: []string{up.ID, "file_unknown", id}})
	if err != nil || len(byID.Data) != 2 || byID.HasMore || byID.Data[0].ID != id || byID.Data[1].ID != up.ID {
		t.Fatalf("ids[]: %+v, %v", byID, err)
	}

	del, err := c.Files.Delete(ctx, up.ID)
	if err != nil || del.ID != up.ID {
		t.Fatalf("Delete: %+v, %v", del, err)
	}
	_, err = c.Files.Get(ctx, up.ID)
	if !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
}

// Files are kept in memory under Config.MaxStoredBytes: an upload that does
// not fit gets 413 naming the cap, and deleting a file makes room again.
func TestFilesStorageCap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, c := filesSetup(t, emulator.Config{MaxStoredBytes: 1000})
	first, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "a.txt", Content: strings.NewReader(strings.Repeat("a", 600))})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Files.Upload(ctx, client.FileUploadParams{Filename: "b.txt", Content: strings.NewReader(strings.Repeat("b", 600))})
	if !errors.Is(err, client.ErrRequestTooLarge) || !strings.Contains(err.Error(), "MaxStoredBytes") {
		t.Fatalf("upload past the cap: %v", err)
	}
	if _, err := srv.Handler().AddFile("c.txt", "", make([]byte, 600)); err == nil {
		t.Fatal("AddFile past the cap succeeded")
	}
	if _, err := c.Files.Delete(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "b.txt", Content: strings.NewReader(strings.Repeat("b", 600))}); err != nil {
		t.Fatalf("upload after delete: %v", err)
	}
	// A single body past MaxRequestBytes is refused as a whole.
	_, big := filesSetup(t, emulator.Config{MaxRequestBytes: 4096})
	_, err = big.Files.Upload(ctx, client.FileUploadParams{Filename: "big.bin", Content: bytes.NewReader(make([]byte, 8192))})
	if !errors.Is(err, client.ErrRequestTooLarge) {
		t.Fatalf("upload past MaxRequestBytes: %v", err)
	}
}

// Bad requests get the API's errors: no file part, unknown IDs. A request
// without the Files beta is served: the Files API is generally available.
func TestFilesErrors(t *testing.T) {
	t.Parallel()
	srv, c := filesSetup(t, emulator.Config{})
	do := func(method, path, ctype, body string, beta bool) (int, string) {
		req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("x-api-key", "sk-ant-test-emulator")
		req.Header.Set("anthropic-version", "2023-06-01")
		if beta {
			req.Header.Set("anthropic-beta", "other-beta,"+emulator.FilesBeta)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		name, method, path, ctype, body string
		beta                            bool
		status                          int
		msg                             string
	}{
		{"no beta", "GET", "/v1/files", "", "", false, 200, `"data":`},
		{"no file part", "POST", "/v1/files", "multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nv\r\n--xx--\r\n", true, 400, "file: Field required"},
		{"not multipart", "POST", "/v1/files", "application/json", "{}", true, 400, "multipart/form-data"},
		{"unknown id", "GET", "/v1/files/file_nope", "", "", true, 404, "file_nope"},
		{"bad limit", "GET", "/v1/files?limit=0", "", "", true, 400, "limit"},
	} {
		status, body := do(tc.method, tc.path, tc.ctype, tc.body, tc.beta)
		if status != tc.status || !strings.Contains(body, tc.msg) {
			t.Errorf("%s: %d %s, want %d containing %q", tc.name, status, body, tc.status, tc.msg)
		}
	}
	_, err := c.Files.Download(context.Background(), "file_nope")
	if !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Download of an unknown file: %v", err)
	}
}

package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/memtest"
)

func recordedByName(t *testing.T, name string) recordedCase {
	t.Helper()
	casesOnce.Do(func() { casesAll, casesErr = loadCases() })
	for _, c := range casesAll {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no recorded case %s", name)
	return recordedCase{}
}

func TestFilesRecordedCasesDecodeLosslessly(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		v    any
	}{{"files-upload", &client.FileMetadata{}}, {"files-delete", &client.DeletedFile{}}} {
		c := recordedByName(t, tc.name)
		if err := json.Unmarshal(c.Body, tc.v); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(tc.v)
		if !reflect.DeepEqual(semanticJSON(t, c.Body), semanticJSON(t, out)) {
			t.Fatalf("%s: re-encoding changed the body:\n%s\n%s", tc.name, c.Body, out)
		}
	}
}

// uploadHandler checks the multipart upload as the API would, streaming it.
func uploadHandler(t *testing.T, wantName, wantType, wantContent string, wantLength bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/files" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		if got := r.Header.Get("anthropic-beta"); !strings.Contains(got, client.FilesBeta) {
			t.Errorf("anthropic-beta %q", got)
		}
		if (r.ContentLength > 0) != wantLength {
			t.Errorf("Content-Length %d, want known=%v", r.ContentLength, wantLength)
		}
		mr, err := r.MultipartReader()
		if err != nil {
			t.Fatal(err)
		}
		p, err := mr.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		if p.FormName() != "file" || p.FileName() != wantName || p.Header.Get("Content-Type") != wantType || string(body) != wantContent {
			t.Errorf("part %s %q %q %d bytes", p.FormName(), p.FileName(), p.Header.Get("Content-Type"), len(body))
		}
		if _, err := mr.NextPart(); err != io.EOF {
			t.Errorf("extra part: %v", err)
		}
		serveCase(recordedByName(t, "files-upload"))(w, r)
	}
}

func TestFilesUpload(t *testing.T) {
	t.Parallel()
	content := "name,value\nalpha,1\nbeta,2\n"
	ctx := context.Background()
	t.Run("sized", func(t *testing.T) {
		cl := setup(t, uploadHandler(t, "data.csv", "text/csv; charset=utf-8", content, true))
		f, err := cl.Files.Upload(ctx, client.FileUploadParams{Filename: "data.csv", Content: strings.NewReader(content)})
		if err != nil {
			t.Fatal(err)
		}
		if f.ID != "file_011CcQH3nbP5brKi4DsVcj7j" || f.Filename != "data.csv" || f.SizeBytes != 30 {
			t.Fatalf("%+v", f)
		}
	})
	t.Run("unsized", func(t *testing.T) {
		cl := setup(t, uploadHandler(t, `we"ird.bin`, "application/x-thing", content, false), client.WithBeta("other-beta"))
		r := io.MultiReader(strings.NewReader(content)) // hides Len
		if _, err := cl.Files.Upload(ctx, client.FileUploadParams{Filename: `we"ird.bin`, ContentType: "application/x-thing", Content: r}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "data.csv")
		if err := os.WriteFile(path, []byte("skip"+content), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		_, _ = f.Seek(4, io.SeekStart) // the size left from the current offset is sent
		cl := setup(t, uploadHandler(t, "data.csv", "text/csv; charset=utf-8", content, true))
		if _, err := cl.Files.Upload(ctx, client.FileUploadParams{Filename: "data.csv", Content: f}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		cl := setup(t, http.NotFoundHandler())
		for _, p := range []client.FileUploadParams{{Content: strings.NewReader("x")}, {Filename: "a.txt"}} {
			if _, err := cl.Files.Upload(ctx, p); !errors.Is(err, client.ErrValidation) {
				t.Errorf("%+v: %v", p, err)
			}
		}
	})
}

// blockingReader yields a little, then blocks until released.
type blockingReader struct {
	sent    bool
	release chan struct{}
}

func (b *blockingReader) Read(p []byte) (int, error) {
	if !b.sent {
		b.sent = true
		return copy(p, "partial"), nil
	}
	<-b.release
	return 0, io.EOF
}

func TestFilesUploadCancel(t *testing.T) {
	t.Parallel()
	cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	br := &blockingReader{release: make(chan struct{})}
	defer close(br.release)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := cl.Files.Upload(ctx, client.FileUploadParams{Filename: "x.bin", Content: br})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestFilesGetListDownloadDelete(t *testing.T) {
	t.Parallel()
	payload := bytes.Repeat([]byte("0123456789"), 100_000)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/files/{id}", func(w http.ResponseWriter, r *http.Request) {
		serveCase(recordedByName(t, "files-upload"))(w, r)
	})
	mux.HandleFunc("DELETE /v1/files/{id}", func(w http.ResponseWriter, r *http.Request) {
		serveCase(recordedByName(t, "files-delete"))(w, r)
	})
	mux.HandleFunc("GET /v1/files/{id}/content", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "file_1" {
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"not_found_error","message":"File not found."}}`)
			return
		}
		w.Header().Set("content-type", "application/octet-stream")
		_, _ = w.Write(payload)
	})
	mux.HandleFunc("GET /v1/files", func(w http.ResponseWriter, r *http.Request) {
		after := r.URL.Query().Get("after_id")
		page := map[string]any{"data": []any{}, "has_more": after == "", "first_id": "file_a", "last_id": "file_b"}
		ids := []string{"file_a", "file_b"}
		if after != "" {
			ids = []string{"file_c"}
			page["first_id"], page["last_id"] = "file_c", "file_c"
		}
		var data []any
		for _, id := range ids {
			data = append(data, map[string]any{"id": id, "type": "file", "filename": id + ".txt", "mime_type": "text/plain", "size_bytes": 1, "created_at": "2026-01-01T00:00:00Z"})
		}
		page["data"] = data
		w.Header().Set("content-type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
	})
	betaChecked := 0
	cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("anthropic-beta") != client.FilesBeta {
			t.Errorf("%s %s: anthropic-beta %q", r.Method, r.URL.Path, r.Header.Get("anthropic-beta"))
		}
		betaChecked++
		mux.ServeHTTP(w, r)
	}))
	ctx := context.Background()

	f, err := cl.Files.Get(ctx, "file_011CcQH3nbP5brKi4DsVcj7j")
	if err != nil || f.MimeType != "text/csv" {
		t.Fatalf("get: %+v %v", f, err)
	}
	var names []string
	for f, err := range cl.Files.List(ctx, client.FileListParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.ID)
	}
	if fmt.Sprint(names) != "[file_a file_b file_c]" {
		t.Fatalf("list %v", names)
	}
	rc, err := cl.Files.Download(ctx, "file_1")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("download: %d bytes, %v", len(got), err)
	}
	if err := rc.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Files.Download(ctx, "file_missing"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("missing download: %v", err)
	}
	d, err := cl.Files.Delete(ctx, "file_011CcQH3nbP5brKi4DsVcj7j")
	if err != nil || d.ID != "file_011CcQH3nbP5brKi4DsVcj7j" {
		t.Fatalf("delete: %+v %v", d, err)
	}
	if _, err := cl.Files.Get(ctx, ""); !errors.Is(err, client.ErrValidation) {
		t.Fatalf("empty id: %v", err)
	}
	if betaChecked != 6 {
		t.Fatalf("%d requests", betaChecked)
	}
}

// patternReader yields n bytes of a repeating pattern without holding them.
type patternReader struct{ left int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(b)), p.left)
	for i := range b[:n] {
		b[i] = byte('a' + i%26)
	}
	p.left -= n
	return int(n), nil
}

const fileBenchSize = 100 << 20

// BenchmarkFilesUpload100MB streams 100 MB through Upload (multipart over
// the pipe) to a server that reads the part and discards it; peak-heap-MB is
// the largest heap in use during the upload.
func BenchmarkFilesUpload100MB(b *testing.B) {
	var got atomic.Int64
	cl := setupBench(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		if err != nil {
			w.WriteHeader(400)
			return
		}
		p, err := mr.NextPart()
		if err != nil {
			w.WriteHeader(400)
			return
		}
		n, _ := io.Copy(io.Discard, p)
		got.Store(n)
		w.Header().Set("content-type", "application/json")
		fmt.Fprintf(w, `{"id":"file_1","type":"file","filename":"big.bin","mime_type":"application/octet-stream","size_bytes":%d,"created_at":"2026-01-01T00:00:00Z"}`, n)
	}))
	b.SetBytes(fileBenchSize)
	b.ReportAllocs()
	var peak atomic.Uint64
	runtime.GC()
	for b.Loop() {
		stop := memtest.SampleHeap(&peak)
		f, err := cl.Files.Upload(context.Background(), client.FileUploadParams{Filename: "big.bin", Content: &patternReader{left: fileBenchSize}})
		stop()
		if err != nil || f.SizeBytes != fileBenchSize || got.Load() != fileBenchSize {
			b.Fatalf("%+v %v (server got %d)", f, err, got.Load())
		}
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// BenchmarkFilesDownload100MB streams 100 MB through Download into
// io.Discard; peak-heap-MB is the largest heap in use meanwhile.
func BenchmarkFilesDownload100MB(b *testing.B) {
	cl := setupBench(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/octet-stream")
		_, _ = io.Copy(w, &patternReader{left: fileBenchSize})
	}))
	b.SetBytes(fileBenchSize)
	b.ReportAllocs()
	var peak atomic.Uint64
	runtime.GC()
	for b.Loop() {
		stop := memtest.SampleHeap(&peak)
		rc, err := cl.Files.Download(context.Background(), "file_1")
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(io.Discard, rc)
		rc.Close()
		stop()
		if err != nil || n != fileBenchSize {
			b.Fatalf("%d bytes, %v", n, err)
		}
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// setupBench is setup for benchmarks.
func setupBench(b *testing.B, handler http.Handler) *client.Client {
	b.Helper()
	srv := httptest.NewServer(handler)
	b.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// exampleFiles serves a tiny Files API from memory.
func exampleFiles() (*client.Client, func()) {
	var stored []byte
	mux := http.NewServeMux()
	meta := func(w http.ResponseWriter) {
		w.Header().Set("content-type", "application/json")
		fmt.Fprintf(w, `{"id":"file_1","type":"file","filename":"notes.txt","mime_type":"text/plain","size_bytes":%d,"created_at":"2026-01-01T00:00:00Z","downloadable":true}`, len(stored))
	}
	mux.HandleFunc("POST /v1/files", func(w http.ResponseWriter, r *http.Request) {
		f, _, err := r.FormFile("file")
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		stored, _ = io.ReadAll(f)
		meta(w)
	})
	mux.HandleFunc("GET /v1/files/file_1", func(w http.ResponseWriter, r *http.Request) { meta(w) })
	mux.HandleFunc("GET /v1/files/file_1/content", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(stored) })
	mux.HandleFunc("DELETE /v1/files/file_1", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"id":"file_1","type":"file_deleted"}`)
	})
	mux.HandleFunc("GET /v1/files", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"data":[{"id":"file_1","type":"file","filename":"notes.txt","mime_type":"text/plain","size_bytes":5,"created_at":"2026-01-01T00:00:00Z"}],"has_more":false,"first_id":"file_1","last_id":"file_1"}`)
	})
	srv := httptest.NewServer(mux)
	c, err := client.New(client.WithAPIKey("sk-ant-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return c, srv.Close
}

func ExampleFilesService_Upload() {
	c, done := exampleFiles()
	defer done()
	// Any io.Reader: an *os.File streams from disk without being read whole.
	f, err := c.Files.Upload(context.Background(), client.FileUploadParams{Filename: "notes.txt", Content: strings.NewReader("hello")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.ID, f.MimeType, f.SizeBytes)
	// Output: file_1 text/plain 5
}

func ExampleFilesService_Download() {
	c, done := exampleFiles()
	defer done()
	ctx := context.Background()
	_, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "notes.txt", Content: strings.NewReader("hello")})
	if err != nil {
		panic(err)
	}
	rc, err := c.Files.Download(ctx, "file_1")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rc.Close()
	_, err = io.Copy(os.Stdout, rc) // streams; nothing is buffered whole
	if err != nil {
		panic(err)
	}
	fmt.Println()
	// Output: hello
}

func ExampleFilesService_List() {
	c, done := exampleFiles()
	defer done()
	for f, err := range c.Files.List(context.Background(), client.FileListParams{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(f.ID, f.Filename)
	}
	// Output: file_1 notes.txt
}

func ExampleFilesService_Get() {
	c, done := exampleFiles()
	defer done()
	f, err := c.Files.Get(context.Background(), "file_1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Filename, f.SizeBytes)
	// Output: notes.txt 0
}

func ExampleFilesService_Delete() {
	c, done := exampleFiles()
	defer done()
	d, err := c.Files.Delete(context.Background(), "file_1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("deleted", d.ID)
	// Output: deleted file_1
}

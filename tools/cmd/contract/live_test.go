package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claudego/claude/client/orgtest"
	"github.com/claudego/claude/tools/internal/spec"
)

func TestLiveWithoutKeyFailsAtOnce(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	code, out, errOut := runCmd(t, "live", "-out", t.TempDir())
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if out != "" || !strings.Contains(errOut, "ANTHROPIC_API_KEY is not set") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
}

func TestLiveRejectsNonLoopbackBaseURL(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
	code, _, errOut := runCmd(t, "live", "-base-url", "http://example.com", "-out", t.TempDir())
	if code != exitUsage || !strings.Contains(errOut, "loopback") {
		t.Errorf("exit %d stderr %q", code, errOut)
	}
}

// fakeAPI serves recorded bodies for each tour step over loopback.
type fakeAPI struct {
	t    *testing.T
	mu   sync.Mutex
	seen []string
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const key = "sk-ant-test-not-a-real-key"
	if r.Header.Get("x-api-key") != key || r.Header.Get("anthropic-version") != apiVersion {
		http.Error(w, `{"type":"error","error":{"type":"authentication_error","message":"bad headers"}}`, http.StatusUnauthorized)
		return
	}
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	caseName := ""
	switch {
	case r.URL.Path == "/v1/messages/count_tokens":
		caseName = "count-tokens-basic"
	case r.URL.Path == "/v1/models":
		caseName = "models-list"
	case strings.HasPrefix(r.URL.Path, "/v1/models/"):
		caseName = "models-retrieve"
	case r.URL.Path == "/v1/messages" && strings.Contains(body["model"].(string), "no-such-model"):
		caseName = "error-404-model-not-found"
	case r.URL.Path == "/v1/messages" && body["stream"] == true:
		caseName = "stream-text"
	case r.URL.Path == "/v1/messages" && body["tools"] != nil:
		caseName = "msg-tool-use"
	case r.URL.Path == "/v1/messages":
		caseName = "msg-text-basic"
	}
	f.mu.Lock()
	f.seen = append(f.seen, r.Method+" "+r.URL.Path)
	f.mu.Unlock()
	if caseName == "" {
		http.NotFound(w, r)
		return
	}
	var rr spec.RecordedResponse
	data, err := os.ReadFile(filepath.Join(recordedDir, caseName, "response.json"))
	if err == nil {
		err = json.Unmarshal(data, &rr)
	}
	var payload []byte
	if err == nil {
		payload, err = os.ReadFile(filepath.Join(recordedDir, caseName, rr.BodyFile))
	}
	if err != nil {
		f.t.Error(err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for k, v := range rr.Headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rr.Status)
	_, _ = w.Write(payload)
}

func TestLiveTourAgainstLoopback(t *testing.T) {
	const key = "sk-ant-test-not-a-real-key"
	t.Setenv("ANTHROPIC_API_KEY", key)
	t.Setenv("ANTHROPIC_ADMIN_KEY", "")
	api := &fakeAPI{t: t}
	srv := httptest.NewServer(api)
	defer srv.Close()
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, "live", "-json", "-base-url", srv.URL, "-out", out)
	if code != exitOK {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Cases != 7 || rep.Valid != 7 {
		t.Errorf("cases %d valid %d, want 7/7: %+v", rep.Cases, rep.Valid, rep.Results)
	}
	if len(api.seen) != 7 {
		t.Errorf("server saw %d calls: %v", len(api.seen), api.seen)
	}
	// What the tour wrote replays the same way, and never holds the key.
	code, replayOut, _ := runCmd(t, "replay", out)
	if code != exitOK {
		t.Errorf("replay of live output: exit %d\n%s", code, replayOut)
	}
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && bytes.Contains(data, []byte(key)) {
			t.Errorf("%s contains the API key", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "live-stream-text", "body.sse")); err != nil {
		t.Errorf("stream case not written as body.sse: %v", err)
	}
}

func TestLiveTourReportsUnexpectedStatus(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
	t.Setenv("ANTHROPIC_ADMIN_KEY", "")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`))
	}))
	defer srv.Close()
	code, out, _ := runCmd(t, "live", "-base-url", srv.URL, "-out", t.TempDir())
	if code != exitFailed || !strings.Contains(out, "expected status 200, got 503") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// TestLiveRefusesCrossOriginRedirect: a loopback API that redirects the
// tour to another origin never hands it the key; the cases fail instead.
func TestLiveRefusesCrossOriginRedirect(t *testing.T) {
	const key = "sk-ant-test-not-a-real-key"
	t.Setenv("ANTHROPIC_API_KEY", key)
	var mu sync.Mutex
	leaked := 0
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked++
		mu.Unlock()
	}))
	defer evil.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	code, stdout, _ := runCmd(t, "live", "-json", "-base-url", srv.URL, "-out", t.TempDir())
	if code == exitOK || !strings.Contains(stdout, "redirect") {
		t.Errorf("exit %d, stdout %s: want failed cases naming the refused redirect", code, stdout)
	}
	mu.Lock()
	defer mu.Unlock()
	if leaked != 0 {
		t.Fatalf("the other origin received %d calls", leaked)
	}
}

// TestLiveAdminTour: with ANTHROPIC_ADMIN_KEY set, the tour adds its
// read-only Admin API calls, sent with the admin key only (the fake
// organization refuses any other key there, and fakeAPI refuses the admin
// key elsewhere), the service-account and federation lists with the
// ANTHROPIC_AUTH_TOKEN bearer only (the fake refuses keys there), and every
// answer validates against the spec.
func TestLiveAdminTour(t *testing.T) {
	const key, adminKey, orgToken = "sk-ant-test-not-a-real-key", "sk-ant-admin01-test-not-a-real-key", "sk-ant-test-oauth-not-a-real-token"
	t.Setenv("ANTHROPIC_API_KEY", key)
	t.Setenv("ANTHROPIC_ADMIN_KEY", adminKey)
	t.Setenv("ANTHROPIC_AUTH_TOKEN", orgToken)
	srv := adminTourServer(t, adminKey)
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, "live", "-json", "-base-url", srv.URL, "-out", out)
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", code, err, stderr)
	}
	if want := 7 + len(adminTour(time.Now())); code != exitOK || rep.Cases != want || rep.Valid != want {
		t.Fatalf("exit %d, cases %d valid %d, want %d: %+v", code, rep.Cases, rep.Valid, want, rep.Results)
	}
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && (bytes.Contains(data, []byte(adminKey)) || bytes.Contains(data, []byte(orgToken))) {
			t.Errorf("%s contains the admin key or the token", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// adminTourServer serves the organization's endpoints from orgtest (which
// takes adminKey) and the rest from fakeAPI, until the test ends.
func adminTourServer(t *testing.T, adminKey string) *httptest.Server {
	t.Helper()
	org := orgtest.New()
	org.AdminKey = adminKey
	api := &fakeAPI{t: t}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if orgtest.Handles(r.URL.Path) {
			org.Handler().ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestLiveAdminTourWithoutOrgToken: without ANTHROPIC_AUTH_TOKEN the
// service-account and federation lists are left out (the API refuses the
// admin key there), and the rest of the admin tour runs.
func TestLiveAdminTourWithoutOrgToken(t *testing.T) {
	const key, adminKey = "sk-ant-test-not-a-real-key", "sk-ant-admin01-test-not-a-real-key"
	t.Setenv("ANTHROPIC_API_KEY", key)
	t.Setenv("ANTHROPIC_ADMIN_KEY", adminKey)
	t.Setenv("ANTHROPIC_AUTH_TOKEN", "")
	srv := adminTourServer(t, adminKey)
	code, stdout, stderr := runCmd(t, "live", "-json", "-base-url", srv.URL, "-out", t.TempDir())
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", code, err, stderr)
	}
	oauth := 0
	for _, st := range adminTour(time.Now()) {
		if st.orgOAuth {
			oauth++
		}
	}
	if want := 7 + len(adminTour(time.Now())) - oauth; oauth != 3 || code != exitOK || rep.Cases != want || rep.Valid != want {
		t.Fatalf("exit %d, cases %d valid %d, want %d (%d token steps left out)", code, rep.Cases, rep.Valid, want, oauth)
	}
}

package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
)

// testAdminKey is the admin credential tests use; it only reaches loopback.
const testAdminKey = "sk-ant-admin01-test-0123456789abcdef"

// testOrgToken stands for an OAuth access token with the org:admin scope,
// the one credential the service-account and federation endpoints take.
const testOrgToken = "sk-ant-test-oauth-org-admin"

// keyRecorder answers every request with an empty organization and counts
// requests and the x-api-key each carried.
type keyRecorder struct {
	n    atomic.Int32
	keys chan string
}

func (k *keyRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	k.n.Add(1)
	k.keys <- r.Header.Get("x-api-key")
	w.Header().Set("content-type", "application/json")
	if strings.HasPrefix(r.URL.Path, "/v1/organizations/") {
		_, _ = w.Write([]byte(`{"id":"org_1","type":"organization","name":"Org"}`))
		return
	}
	_, _ = w.Write([]byte(`{"type":"model","id":"claude-haiku-4-5","display_name":"Haiku","created_at":"2025-10-01T00:00:00Z"}`))
}

func TestAdminKeySelection(t *testing.T) {
	ctx := context.Background()
	t.Run("admin call without admin key fails before I/O", func(t *testing.T) {
		rec := &keyRecorder{keys: make(chan string, 4)}
		t.Setenv(client.AdminKeyEnv, "")
		c := setup(t, rec)
		_, err := c.Organization.Get(ctx)
		if !errors.Is(err, client.ErrNoAdminKey) || rec.n.Load() != 0 {
			t.Fatalf("err = %v after %d requests; want ErrNoAdminKey and none", err, rec.n.Load())
		}
		if !strings.Contains(err.Error(), "WithAdminKey") || !strings.Contains(err.Error(), "organization.get") {
			t.Errorf("error does not say which key is missing or where: %v", err)
		}
	})
	t.Run("normal call with only an admin key fails before I/O", func(t *testing.T) {
		rec := &keyRecorder{keys: make(chan string, 4)}
		c, err := client.New(client.WithAdminKey(testAdminKey), client.WithBaseURL(newLoopback(t, rec)))
		if err != nil {
			t.Fatalf("New with only an admin key: %v", err)
		}
		_, err = c.Models.Get(ctx, "claude-haiku-4-5")
		if !errors.Is(err, client.ErrNoAPIKey) || rec.n.Load() != 0 {
			t.Fatalf("err = %v after %d requests; want ErrNoAPIKey and none", err, rec.n.Load())
		}
		if _, err := c.Organization.Get(ctx); err != nil {
			t.Fatalf("admin call with the admin key: %v", err)
		}
		if got := <-rec.keys; got != testAdminKey {
			t.Errorf("admin call sent x-api-key %q", got)
		}
	})
	t.Run("each call sends its own key", func(t *testing.T) {
		rec := &keyRecorder{keys: make(chan string, 4)}
		c := setup(t, rec, client.WithAdminKey(testAdminKey))
		if _, err := c.Organization.Get(ctx); err != nil {
			t.Fatal(err)
		}
		if got := <-rec.keys; got != testAdminKey {
			t.Errorf("admin call sent %q, want the admin key", got)
		}
		if _, err := c.Models.Get(ctx, "claude-haiku-4-5"); err != nil {
			t.Fatal(err)
		}
		if got := <-rec.keys; got != testKey {
			t.Errorf("models call sent %q, want the API key", got)
		}
	})
	t.Run("ANTHROPIC_ADMIN_KEY", func(t *testing.T) {
		rec := &keyRecorder{keys: make(chan string, 4)}
		t.Setenv(client.AdminKeyEnv, testAdminKey)
		c := setup(t, rec)
		if _, err := c.Organization.Get(ctx); err != nil {
			t.Fatal(err)
		}
		if got := <-rec.keys; got != testAdminKey {
			t.Errorf("sent %q, want the key from %s", got, client.AdminKeyEnv)
		}
	})
	t.Run("secret file", func(t *testing.T) {
		rec := &keyRecorder{keys: make(chan string, 4)}
		clearEnv(t)
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "secret"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, client.SecretFile), []byte("export ANTHROPIC_ADMIN_KEY='"+testAdminKey+"'\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		c := setup(t, rec)
		if _, err := c.Organization.Get(ctx); err != nil {
			t.Fatal(err)
		}
		if got := <-rec.keys; got != testAdminKey {
			t.Errorf("sent %q, want the key from %s", got, client.SecretFile)
		}
	})
	t.Run("never printed", func(t *testing.T) {
		t.Setenv(client.AdminKeyEnv, "")
		c := setup(t, http.NotFoundHandler(), client.WithAdminKey(testAdminKey))
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if s := fmt.Sprintf(verb, c); strings.Contains(s, "admin01") {
				t.Errorf("%s of the client shows the admin key", verb)
			}
		}
		_, err := c.Organization.Users.Get(ctx, "user_missing")
		if err == nil || strings.Contains(err.Error(), "admin01") {
			t.Errorf("error %v (want a 404 that does not show the key)", err)
		}
	})
	t.Run("empty admin key refused", func(t *testing.T) {
		if _, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey(" ")); err == nil {
			t.Fatal("New accepted an empty admin key")
		}
	})
}

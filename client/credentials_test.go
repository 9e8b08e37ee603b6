package client_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// These tests change the environment and the working directory, so they do
// not run in parallel.

func clearEnv(t *testing.T) {
	for _, k := range []string{"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "ANTHROPIC_ADMIN_KEY"} {
		t.Setenv(k, "")
	}
}

// keyEcho is a server that reports which credential it received.
func keyEcho(t *testing.T) (url string, got func() (key, auth string)) {
	var key, auth string
	srv := http.NewServeMux()
	srv.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		key, auth = r.Header.Get("x-api-key"), r.Header.Get("Authorization")
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	})
	s := newLoopback(t, srv)
	return s, func() (string, string) { return key, auth }
}

func count(t *testing.T, c *client.Client) {
	t.Helper()
	if _, err := c.Messages.CountTokens(context.Background(), client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("x")}}); err != nil {
		t.Fatal(err)
	}
}

func TestCredentialChain(t *testing.T) {
	url, got := keyEcho(t)
	dir := t.TempDir()
	nested := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(filepath.Join(dir, "secret"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(nested, 0o700); err != nil {
		t.Fatal(err)
	}
	file := "# workspace secrets\nexport ANTHROPIC_API_KEY=\"sk-ant-test-from-file\"\nexport ANTHROPIC_BASE_URL=" + url + "\n"
	if err := os.WriteFile(filepath.Join(dir, "secret", "-secrets.sh"), []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(nested)

	t.Run("secret file found walking up", func(t *testing.T) {
		clearEnv(t)
		c, err := client.New()
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL() != url {
			t.Fatalf("base URL %q, want the file's %q", c.BaseURL(), url)
		}
		count(t, c)
		if k, _ := got(); k != "sk-ant-test-from-file" {
			t.Fatalf("key %q, want the file's", k)
		}
	})
	t.Run("auth token beats the file", func(t *testing.T) {
		clearEnv(t)
		t.Setenv("ANTHROPIC_AUTH_TOKEN", "tok-from-env")
		// The file's base URL comes only with the file's key, so the
		// environment names the server for its own token.
		t.Setenv("ANTHROPIC_BASE_URL", url)
		c, err := client.New()
		if err != nil {
			t.Fatal(err)
		}
		count(t, c)
		if k, a := got(); a != "Bearer tok-from-env" || k != "" {
			t.Fatalf("key %q auth %q, want the env token", k, a)
		}
	})
	t.Run("api key beats auth token", func(t *testing.T) {
		clearEnv(t)
		t.Setenv("ANTHROPIC_AUTH_TOKEN", "tok-from-env")
		t.Setenv("ANTHROPIC_API_KEY", "sk-ant-test-from-env")
		t.Setenv("ANTHROPIC_BASE_URL", url)
		c, err := client.New()
		if err != nil {
			t.Fatal(err)
		}
		count(t, c)
		if k, a := got(); k != "sk-ant-test-from-env" || a != "" {
			t.Fatalf("key %q auth %q, want the env key", k, a)
		}
	})
	t.Run("option beats everything", func(t *testing.T) {
		clearEnv(t)
		t.Setenv("ANTHROPIC_API_KEY", "sk-ant-test-from-env")
		c, err := client.New(client.WithAPIKey("sk-ant-test-option"), client.WithBaseURL(url))
		if err != nil {
			t.Fatal(err)
		}
		count(t, c)
		if k, _ := got(); k != "sk-ant-test-option" {
			t.Fatalf("key %q, want the option's", k)
		}
	})
}

func TestNoCredentials(t *testing.T) {
	clearEnv(t)
	t.Chdir(t.TempDir())
	_, err := client.New()
	if !errors.Is(err, client.ErrNoCredentials) {
		t.Fatalf("err = %v, want ErrNoCredentials", err)
	}
	for _, source := range []string{"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_ADMIN_KEY", "WithAdminKey", "secret/-secrets.sh"} {
		if !strings.Contains(err.Error(), source) {
			t.Errorf("error %q does not name %s", err, source)
		}
	}
}

// TestTransportSafety: https anywhere, http only on loopback, no
// certificate-skipping or pre-TLS-1.2 transports.
func TestTransportSafety(t *testing.T) {
	ok := []string{"https://api.anthropic.com", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "http://127.5.6.7"}
	for _, u := range ok {
		if _, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(u)); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
	bad := []string{"http://api.anthropic.com", "http://10.0.0.1", "ftp://127.0.0.1", "https://", "localhost:8080"}
	for _, u := range bad {
		if _, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(u)); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
	insecure := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if _, err := client.New(client.WithAPIKey(testKey), client.WithHTTPClient(insecure)); err == nil || !strings.Contains(err.Error(), "InsecureSkipVerify") {
		t.Errorf("InsecureSkipVerify transport: err = %v", err)
	}
	old := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS10}}}
	if _, err := client.New(client.WithAPIKey(testKey), client.WithHTTPClient(old)); err == nil {
		t.Error("TLS 1.0 transport accepted")
	}
	t.Setenv("ANTHROPIC_BASE_URL", "http://example.com")
	if _, err := client.New(client.WithAPIKey(testKey)); err == nil {
		t.Error("plain-http ANTHROPIC_BASE_URL to a public host accepted")
	}
}

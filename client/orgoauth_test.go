package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
)

// credentialRecorder answers with an empty service-account list or a model
// and records the x-api-key and Authorization headers of the last request.
type credentialRecorder struct {
	n         atomic.Int32
	key, auth atomic.Value
}

func (r *credentialRecorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.n.Add(1)
	r.key.Store(req.Header.Get("x-api-key"))
	r.auth.Store(req.Header.Get("Authorization"))
	w.Header().Set("content-type", "application/json")
	if strings.HasPrefix(req.URL.Path, "/v1/organizations/") {
		_, _ = w.Write([]byte(`{"data":[],"has_more":false,"next_page":null}`))
		return
	}
	_, _ = w.Write([]byte(`{"type":"model","id":"claude-haiku-4-5","display_name":"Haiku","created_at":"2025-10-01T00:00:00Z"}`))
}

// TestWorkloadIdentityCallsSendTheOAuthToken: the service-account and
// federation operations take only an OAuth token with the org:admin scope
// (the SDK v1.84.0: "Admin API keys are not accepted"), so they send the
// auth token as a bearer and neither key, and fail before any I/O without
// one, saying so.
func TestWorkloadIdentityCallsSendTheOAuthToken(t *testing.T) {
	ctx := context.Background()
	lists := map[string]func(c *client.Client) error{
		"service accounts": func(c *client.Client) error {
			_, err := c.Organization.ServiceAccounts.ListPage(ctx, client.ArchivableListParams{})
			return err
		},
		"service account workspaces": func(c *client.Client) error {
			_, err := c.Organization.ServiceAccounts.Workspaces.ListPage(ctx, "svac_1", client.CursorParams{})
			return err
		},
		"workspace service accounts": func(c *client.Client) error {
			_, err := c.Organization.Workspaces.ServiceAccounts.ListPage(ctx, "wrkspc_1", client.CursorParams{})
			return err
		},
		"federation issuers": func(c *client.Client) error {
			_, err := c.Organization.Federation.Issuers.ListPage(ctx, client.ArchivableListParams{})
			return err
		},
		"federation rules": func(c *client.Client) error {
			_, err := c.Organization.Federation.Rules.ListPage(ctx, client.FederationRuleListParams{})
			return err
		},
		"federation rule workspaces": func(c *client.Client) error {
			_, err := c.Organization.Federation.Rules.Workspaces.ListPage(ctx, "rule_1", client.CursorParams{})
			return err
		},
	}
	for name, list := range lists {
		t.Run(name+" without a token", func(t *testing.T) {
			clearEnv(t)
			rec := &credentialRecorder{}
			c := setup(t, rec, client.WithAdminKey(testAdminKey))
			err := list(c)
			if !errors.Is(err, client.ErrNoOrgOAuthToken) || rec.n.Load() != 0 {
				t.Fatalf("err = %v after %d requests; want ErrNoOrgOAuthToken and none", err, rec.n.Load())
			}
			if !strings.Contains(err.Error(), "WithAuthToken") || !strings.Contains(err.Error(), "org:admin") {
				t.Errorf("the error does not say what to pass: %v", err)
			}
		})
		t.Run(name+" with a token", func(t *testing.T) {
			clearEnv(t)
			rec := &credentialRecorder{}
			c := setup(t, rec, client.WithAdminKey(testAdminKey), client.WithAuthToken(testOrgToken))
			if err := list(c); err != nil {
				t.Fatal(err)
			}
			if key, auth := rec.key.Load(), rec.auth.Load(); key != "" || auth != "Bearer "+testOrgToken {
				t.Errorf("sent x-api-key %q, Authorization %q; want only the bearer token", key, auth)
			}
		})
	}
	t.Run("ANTHROPIC_AUTH_TOKEN beside ANTHROPIC_API_KEY", func(t *testing.T) {
		clearEnv(t)
		t.Setenv("ANTHROPIC_API_KEY", testKey)
		t.Setenv("ANTHROPIC_AUTH_TOKEN", testOrgToken)
		rec := &credentialRecorder{}
		c, err := client.New(client.WithBaseURL(newLoopback(t, rec)))
		if err != nil {
			t.Fatal(err)
		}
		if err := lists["federation issuers"](c); err != nil {
			t.Fatalf("the token in ANTHROPIC_AUTH_TOKEN was not used: %v", err)
		}
		if key, auth := rec.key.Load(), rec.auth.Load(); key != "" || auth != "Bearer "+testOrgToken {
			t.Errorf("federation call sent x-api-key %q, Authorization %q; want only the bearer token", key, auth)
		}
		// Other calls keep the API key the chain found first.
		if _, err := c.Models.Get(ctx, "claude-haiku-4-5"); err != nil {
			t.Fatal(err)
		}
		if key, auth := rec.key.Load(), rec.auth.Load(); key != testKey || auth != "" {
			t.Errorf("models call sent x-api-key %q, Authorization %q; want the API key only", key, auth)
		}
	})
}

// TestOrgtestRefusesKeysOnWorkloadIdentity: the fake organization, like the
// API, answers 401 to an admin key on the service-account and federation
// endpoints and serves them with a bearer token.
func TestOrgtestRefusesKeysOnWorkloadIdentity(t *testing.T) {
	clearEnv(t)
	url := newLoopback(t, orgtest.New().Handler())
	keyOnly, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey(testAdminKey), client.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	// Sent raw, as a client that ignores the rule would: the key on the
	// federation endpoint.
	req, _ := http.NewRequest(http.MethodGet, url+"/v1/organizations/federation_issuers", nil)
	req.Header.Set("x-api-key", testAdminKey)
	req.Header.Set("anthropic-version", client.APIVersion)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("admin key on federation: status %d, want 401", resp.StatusCode)
	}
	if _, err := keyOnly.Organization.Workspaces.ListPage(context.Background(), client.WorkspaceListParams{}); err != nil {
		t.Errorf("the admin key on workspaces: %v", err)
	}
	withToken, err := client.New(client.WithAPIKey(testKey), client.WithAdminKey(testAdminKey), client.WithAuthToken(testOrgToken), client.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := withToken.Organization.Federation.Issuers.ListPage(context.Background(), client.ArchivableListParams{}); err != nil {
		t.Errorf("the token on federation: %v", err)
	}
}

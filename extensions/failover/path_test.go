package failover_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/failover"
	"github.com/claudego/claude/extensions/internal/rttest"
)

const testKey = "sk-ant-test-failover-path"

// pathServer records "path credential" of each request and answers status.
func pathServer(t *testing.T, mu *sync.Mutex, got *[]string, status int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*got = append(*got, r.URL.EscapedPath()+" "+r.Header.Get("x-api-key")+r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(rttest.MessageBody))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSwitchKeepsOnlyTheEndpointsPath: a client based at a gateway prefix
// that fails over sends the API path under the next endpoint's own prefix,
// not the client's.
func TestSwitchKeepsOnlyTheEndpointsPath(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	gw := pathServer(t, &mu, &got, http.StatusServiceUnavailable)
	direct := pathServer(t, &mu, &got, http.StatusOK)
	other := pathServer(t, &mu, &got, http.StatusOK)
	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{
		{BaseURL: gw.URL + "/proxy"},
		{BaseURL: direct.URL},
	}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(gw.URL+"/proxy"), r.Option())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	want := []string{"/proxy/v1/messages " + testKey, "/v1/messages " + testKey}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("paths %q, want %q", got, want)
	}

	// And the other way: a client at the bare root, an endpoint with a prefix
	// (whose own path holds /v1), and an ID with an escaped slash.
	got = nil
	r2, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: other.URL + "/gw/v1/anthropic"}}})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(direct.URL), r2.Option())
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c2.Models.Get(context.Background(), "a/v1/b")
	if len(got) != 1 || got[0] != "/gw/v1/anthropic/v1/models/a%2Fv1%2Fb "+testKey {
		t.Fatalf("paths %q", got)
	}
}

// TestNoCredentialEndpoint: a gateway endpoint marked NoCredential never
// receives the client's key; others still do, and a credential beside
// NoCredential is refused.
func TestNoCredentialEndpoint(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	primary := pathServer(t, &mu, &got, http.StatusInternalServerError)
	gateway := pathServer(t, &mu, &got, http.StatusOK)
	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{
		{BaseURL: primary.URL},
		{BaseURL: gateway.URL, NoCredential: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, auth := range []client.Option{client.WithAPIKey(testKey), client.WithAuthToken(testKey)} {
		got = nil
		c, err := client.New(auth, client.WithBaseURL(primary.URL), r.Option())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Messages.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0] == "/v1/messages " || got[1] != "/v1/messages " {
			t.Fatalf("seen %q: want the key at the primary only", got)
		}
	}
	if _, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: gateway.URL, NoCredential: true, APIKey: client.NewSecret(testKey)}}}); err == nil {
		t.Fatal("NoCredential with an APIKey accepted")
	}
}

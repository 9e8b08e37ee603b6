package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
)

// collector is a loopback server that counts the requests reaching it and
// remembers whether any carried a credential or a body: the "other host" a
// hostile redirect points at.
type collector struct {
	url              string
	hits, keys, body atomic.Int32
}

func newCollector(t *testing.T) *collector {
	c := &collector{}
	c.url = newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.hits.Add(1)
		if r.Header.Get("x-api-key") != "" || r.Header.Get("Authorization") != "" {
			c.keys.Add(1)
		}
		if b, _ := io.ReadAll(r.Body); len(b) > 0 {
			c.body.Add(1)
		}
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	}))
	return c
}

// redirector answers every request with a redirect to target+path.
func redirector(code int, target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.Path, code)
	})
}

func countReq() client.CountTokensRequest {
	return client.CountTokensRequest{Model: "m", Messages: []client.MessageParam{client.UserText("secret prompt")}}
}

// TestRedirectToAnotherOriginRefused: a 301/302/307/308 from the API host to
// another port (another origin, as another host would be) never delivers the
// key or the prompt there; the call fails with ErrRedirectRefused naming both
// origins.
func TestRedirectToAnotherOriginRefused(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, auth := range []client.Option{client.WithAPIKey(testKey), client.WithAuthToken(testKey)} {
			evil := newCollector(t)
			c := setup(t, redirector(code, evil.url), auth)
			_, err := c.Messages.CountTokens(context.Background(), countReq())
			if !errors.Is(err, client.ErrRedirectRefused) {
				t.Fatalf("%d: err = %v, want ErrRedirectRefused", code, err)
			}
			var re *client.RedirectError
			if !errors.As(err, &re) || !strings.HasPrefix(re.To, evil.url) || !strings.Contains(err.Error(), c.BaseURL()) {
				t.Errorf("%d: error %v does not name both origins", code, err)
			}
			if evil.hits.Load() != 0 {
				t.Errorf("%d: the other origin got %d requests (%d with the key, %d with the body)", code, evil.hits.Load(), evil.keys.Load(), evil.body.Load())
			}
		}
	}
}

// TestRedirectHTTPSToHTTPRefused: an https API host cannot downgrade a
// request to plain http, even to loopback.
func TestRedirectHTTPSToHTTPRefused(t *testing.T) {
	t.Parallel()
	evil := newCollector(t)
	srv := httptest.NewTLSServer(redirector(http.StatusTemporaryRedirect, evil.url))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL), client.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.CountTokens(context.Background(), countReq()); !errors.Is(err, client.ErrRedirectRefused) {
		t.Fatalf("err = %v, want ErrRedirectRefused", err)
	}
	if evil.hits.Load() != 0 {
		t.Fatalf("plain-http origin got %d requests", evil.hits.Load())
	}
}

// TestRedirectSameOriginFollowed: a redirect within the base URL's origin is
// followed (with the key), and a caller's own CheckRedirect still runs.
func TestRedirectSameOriginFollowed(t *testing.T) {
	t.Parallel()
	var own atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/old/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/old"), http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != testKey {
			http.Error(w, "no key", http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"input_tokens":7}`))
	})
	root := newLoopback(t, mux)
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { own.Add(1); return nil }}
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(root+"/old"), client.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Messages.CountTokens(context.Background(), countReq())
	if err != nil || got.InputTokens != 7 {
		t.Fatalf("CountTokens = %+v, %v", got, err)
	}
	if own.Load() != 1 {
		t.Fatalf("caller's CheckRedirect ran %d times, want 1", own.Load())
	}
}

// TestBatchResultsRedirectRefused: the results URL passes the same-origin
// guard, then redirects elsewhere; the key must not follow.
func TestBatchResultsRedirectRefused(t *testing.T) {
	t.Parallel()
	evil := newCollector(t)
	c := setup(t, redirector(http.StatusFound, evil.url))
	params := client.ResultsParams{ResultsURL: c.BaseURL() + "/v1/messages/batches/msgbatch_1/results"}
	var err error
	for _, e := range c.Batches.Results(context.Background(), "msgbatch_1", params) {
		if e != nil {
			err = e
			break
		}
	}
	if !errors.Is(err, client.ErrRedirectRefused) || evil.hits.Load() != 0 {
		t.Fatalf("err = %v, other origin hits %d", err, evil.hits.Load())
	}
}

func TestSameOrigin(t *testing.T) {
	t.Parallel()
	mustParse := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	base := mustParse("https://api.anthropic.com")
	for raw, want := range map[string]bool{
		"https://api.anthropic.com/v1/x":     true,
		"https://API.anthropic.com:443/v1/x": true,
		"http://api.anthropic.com/v1/x":      false,
		"https://api.anthropic.com:8443/x":   false,
		"https://api.anthropic.com.evil/x":   false,
		"https://u:p@api.anthropic.com/x":    false,
		"https://evil/x":                     false,
	} {
		if got := client.SameOrigin(base, mustParse(raw)); got != want {
			t.Errorf("SameOrigin(%s) = %v, want %v", raw, got, want)
		}
	}
}

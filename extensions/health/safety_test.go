package health_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/health"
)

const testKey = "sk-ant-test-health-safety"

// TestCheckRefusesCrossOriginRedirect: the checked host redirects the
// authenticated check elsewhere; the key does not follow.
func TestCheckRefusesCrossOriginRedirect(t *testing.T) {
	t.Parallel()
	var evilHits atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { evilHits.Add(1) }))
	t.Cleanup(evil.Close)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	t.Cleanup(api.Close)
	for _, chk := range []*health.Checker{
		{APIKey: client.NewSecret(testKey)},
		{AuthToken: client.NewSecret(testKey), HTTPClient: &http.Client{}},
	} {
		r := health.LightweightAPI(context.Background(), chk, api.URL)
		if r.Status != health.Unhealthy || !errors.Is(r.Err, client.ErrRedirectRefused) {
			t.Errorf("result %+v, want Unhealthy with ErrRedirectRefused", r)
		}
	}
	if evilHits.Load() != 0 {
		t.Fatalf("the other origin got %d checks", evilHits.Load())
	}
}

// recorder is an HTTPClient that answers 200 and counts what it was asked
// to send.
func recorder(n *atomic.Int32) *http.Client {
	return &http.Client{Transport: client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		n.Add(1)
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})}
}

// TestCheckFollowsBaseURLRules: plain http to a public host and userinfo
// are refused before anything is sent, and neither the result nor its JSON
// shows the password.
func TestCheckFollowsBaseURLRules(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	chk := &health.Checker{APIKey: client.NewSecret(testKey), HTTPClient: recorder(&sent)}
	for _, u := range []string{"http://api.example.com", "http://10.0.0.1:8080", "https://user:pw-hunter2@api.example.com", "ftp://127.0.0.1"} {
		r := health.LightweightAPI(context.Background(), chk, u)
		if r.Status != health.Unhealthy || r.Err == nil {
			t.Errorf("%s: %+v, want Unhealthy", u, r)
		}
		raw, _ := json.Marshal(r)
		if strings.Contains(string(raw), "hunter2") || strings.Contains(r.Endpoint, "hunter2") {
			t.Errorf("%s: result shows the password: %s", u, raw)
		}
	}
	if sent.Load() != 0 {
		t.Fatalf("%d checks sent to refused base URLs", sent.Load())
	}
	insecure := &health.Checker{HTTPClient: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}} //nolint:gosec // under test
	if r := health.Ping(context.Background(), insecure, "https://127.0.0.1:1"); r.Status != health.Unhealthy || !strings.Contains(r.Error, "InsecureSkipVerify") {
		t.Errorf("insecure transport: %+v", r)
	}
}

// TestHandlerReportsLatestBreakerError: with several breakers the
// readiness body's last_error is the most recent failure, not the first
// breaker's.
func TestHandlerReportsLatestBreakerError(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		fail := func(name string, err error) *circuitbreaker.Breaker {
			b := circuitbreaker.NewBreaker(circuitbreaker.Config{Name: name, FailureThreshold: 100})
			g, _ := b.Allow()
			b.Done(g, nil, err)
			return b
		}
		older := fail("old", errors.New("older failure"))
		time.Sleep(time.Minute) // the bubble's clock: the second failure is a minute later
		newer := fail("new", errors.New("newer failure"))
		for _, order := range [][]health.Breaker{{older, newer}, {newer, older}} {
			rec := httptest.NewRecorder()
			health.Handler(health.Config{Breakers: order}).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
			var rd health.Readiness
			if err := json.Unmarshal(rec.Body.Bytes(), &rd); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rd.LastError, "newer failure") {
				t.Errorf("breakers %s,%s: last_error %q, want the newer failure", order[0].(*circuitbreaker.Breaker).Name(), order[1].(*circuitbreaker.Breaker).Name(), rd.LastError)
			}
		}
	})
}

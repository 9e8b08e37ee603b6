package failover_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/failover"
	"github.com/claudego/claude/extensions/internal/pipenet"
	"github.com/claudego/claude/extensions/internal/rttest"
)

func TestConformance(t *testing.T) {
	rttest.Run(t, func() client.Middleware {
		r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: "http://127.0.0.1:1"}, {BaseURL: "http://127.0.0.1:2"}}})
		if err != nil {
			t.Fatal(err)
		}
		return r.Middleware
	})
	// Endpoints that write their own credential, or remove it, get a header
	// of their own: the caller's is shared only while it is left as it is.
	t.Run("own credentials", func(t *testing.T) {
		rttest.Run(t, func() client.Middleware {
			r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{
				{BaseURL: "http://127.0.0.1:1", APIKey: client.NewSecret("sk-ant-test-failover-own")},
				{BaseURL: "http://127.0.0.1:2", NoCredential: true}}})
			if err != nil {
				t.Fatal(err)
			}
			return r.Middleware
		})
	})
}

type seen struct {
	mu   sync.Mutex
	keys []string
}

// keyHandler answers with status and records the host and credential of
// each request.
func keyHandler(s *seen, status int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.keys = append(s.keys, r.Host+" "+r.Header.Get("x-api-key")+r.Header.Get("Authorization"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(rttest.MessageBody))
	})
}

func keyServer(t *testing.T, s *seen, status int) *httptest.Server {
	srv := httptest.NewServer(keyHandler(s, status))
	t.Cleanup(srv.Close)
	return srv
}

var req = client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}

// TestPriorityFailsOverAndCoolsDown runs on the bubble's clock
// (testing/synctest) over an in-memory network: the cool-down passes in a
// time.Sleep that returns at once.
func TestPriorityFailsOverAndCoolsDown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s seen
		var n pipenet.Network
		good := n.Serve(t, keyHandler(&s, 200))
		down := n.Down()
		r, err := failover.NewRouter(failover.Config{
			Endpoints: []failover.Endpoint{{BaseURL: down}, {BaseURL: good, APIKey: client.NewSecret("sk-ant-test-second")}},
			CoolDown:  time.Minute,
		})
		if err != nil {
			t.Fatal(err)
		}
		c, err := client.New(client.WithAPIKey("sk-ant-test-first"), client.WithBaseURL(down), client.WithHTTPClient(n.Client(t)), r.Option())
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if _, err := c.Messages.Create(context.Background(), req); err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
		}
		st := r.Status()
		if st[0].Health != failover.Unhealthy || st[1].Health != failover.Healthy || st[0].LastError == nil {
			t.Fatalf("status %+v", st)
		}
		if len(s.keys) != 3 || s.keys[0] != strings.TrimPrefix(good, "http://")+" sk-ant-test-second" {
			t.Fatalf("second endpoint saw %q; want its own key", s.keys)
		}
		// Within the cool-down the first endpoint is skipped; after it, it is
		// tried again.
		time.Sleep(59 * time.Second)
		c.Messages.Create(context.Background(), req)
		if st := r.Status(); st[0].ConsecutiveFailures != 1 {
			t.Fatalf("first endpoint tried within the cool-down: %+v", st[0])
		}
		time.Sleep(2 * time.Second)
		c.Messages.Create(context.Background(), req)
		if st := r.Status(); st[0].ConsecutiveFailures != 2 {
			t.Fatalf("first endpoint not retried after cool-down: %+v", st[0])
		}
	})
}

func TestAllDownFailsFastTyped(t *testing.T) {
	r, _ := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: rttest.DownURL(t)}, {BaseURL: rttest.DownURL(t)}}})
	c, _ := client.New(client.WithAPIKey("sk-ant-test-x"), client.WithBaseURL(rttest.DownURL(t)), r.Option())
	_, err := c.Messages.Create(context.Background(), req)
	if err == nil || errors.Is(err, client.ErrNoEndpoint) {
		t.Fatalf("first call: %v, want the connection error", err)
	}
	_, err = c.Messages.Create(context.Background(), req)
	var ne *failover.NoEndpointError
	if !errors.As(err, &ne) || !errors.Is(err, client.ErrNoEndpoint) || ne.Until.IsZero() {
		t.Fatalf("second call: %v", err)
	}
}

func TestEachEndpointAtMostOnce(t *testing.T) {
	var s seen
	bad1, bad2 := keyServer(t, &s, 529), keyServer(t, &s, 503)
	r, _ := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: bad1.URL}, {BaseURL: bad2.URL}}})
	c, _ := client.New(client.WithAPIKey("sk-ant-test-x"), client.WithBaseURL(bad1.URL), r.Option())
	_, err := c.Messages.Create(context.Background(), req)
	if !errors.Is(err, client.ErrServer) || len(s.keys) != 2 {
		t.Fatalf("err %v after %d attempts", err, len(s.keys))
	}
}

func TestStrategies(t *testing.T) {
	var hits [3]atomic.Int32
	var eps []failover.Endpoint
	for i := range hits {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits[i].Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(rttest.MessageBody))
		}))
		t.Cleanup(srv.Close)
		eps = append(eps, failover.Endpoint{BaseURL: srv.URL})
	}
	for _, tc := range []struct {
		s    failover.Strategy
		want [3]int32
	}{{failover.Priority, [3]int32{6, 0, 0}}, {failover.RoundRobin, [3]int32{2, 2, 2}}, {failover.Sticky, [3]int32{6, 0, 0}}} {
		for i := range hits {
			hits[i].Store(0)
		}
		r, _ := failover.NewRouter(failover.Config{Endpoints: eps, Strategy: tc.s})
		c, _ := client.New(client.WithAPIKey("sk-ant-test-x"), client.WithBaseURL(eps[0].BaseURL), r.Option())
		for i := 0; i < 6; i++ {
			if _, err := c.Messages.Create(context.Background(), req); err != nil {
				t.Fatal(err)
			}
		}
		got := [3]int32{hits[0].Load(), hits[1].Load(), hits[2].Load()}
		if got != tc.want {
			t.Errorf("%v: hits %v, want %v", tc.s, got, tc.want)
		}
	}
	// Random starts each call at a random endpoint: over 100 calls every one
	// of the three gets some (all but certain: the chance one gets none is
	// 3 x (2/3)^100, about 7e-18), and no endpoint gets them all.
	for i := range hits {
		hits[i].Store(0)
	}
	r, _ := failover.NewRouter(failover.Config{Endpoints: eps, Strategy: failover.Random})
	c, _ := client.New(client.WithAPIKey("sk-ant-test-x"), client.WithBaseURL(eps[0].BaseURL), r.Option())
	for i := 0; i < 100; i++ {
		if _, err := c.Messages.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	if got := [3]int32{hits[0].Load(), hits[1].Load(), hits[2].Load()}; got[0] == 0 || got[1] == 0 || got[2] == 0 || got[0]+got[1]+got[2] != 100 {
		t.Errorf("Random: hits %v over 100 calls", got)
	}
}
func TestRefusesPlainHTTPOffLoopback(t *testing.T) {
	_, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{BaseURL: "http://api.example.com"}}})
	if err == nil {
		t.Fatal("plain http to a public host accepted")
	}
	if _, err := failover.NewRouter(failover.Config{}); err == nil {
		t.Fatal("no endpoints accepted")
	}
}

func TestSecretsNotPrinted(t *testing.T) {
	ep := failover.Endpoint{BaseURL: "https://a.example.com", APIKey: client.NewSecret("sk-ant-secret-value")}
	for _, s := range []string{fmtV(ep)} {
		if contains(s, "sk-ant-secret-value") {
			t.Fatalf("secret printed: %s", s)
		}
	}
}

package liveconfig_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/liveconfig"
	"github.com/claudego/claude/extensions/quota"
)

const testKey = "sk-ant-test-liveconfig"

const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}`

// betaServer answers only requests carrying its own beta: a request with
// the other configuration's beta would be half of one and half of another.
func betaServer(t *testing.T, beta string, hits, mixed *atomic.Int64) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		hits.Add(1)
		if beta != "*" && r.Header.Get("anthropic-beta") != beta {
			mixed.Add(1)
			http.Error(w, `{"type":"error","error":{"type":"invalid_request_error","message":"wrong beta"}}`, 400)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// writeFile replaces path atomically (write a temp file, rename it over),
// as deploy tools do.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func wait[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(30 * time.Second): // a hang guard, not a timing check
		t.Fatalf("no %s", what)
	}
	var zero T
	return zero
}

func request() client.MessageRequest {
	return client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 8, Messages: []client.MessageParam{client.UserText("hi")}}
}

// TestReloadUnderLoad: eight goroutines call without pause while the file
// flips between two configurations (another server, another beta) and once
// turns invalid: no call fails, none mixes the two, the bad file is
// reported and the running configuration stays.
func TestReloadUnderLoad(t *testing.T) {
	var hitsA, hitsB, mixed atomic.Int64
	urlA := betaServer(t, "beta-a", &hitsA, &mixed)
	urlB := betaServer(t, "beta-b", &hitsB, &mixed)
	cfgA := fmt.Sprintf(`{"base_url":%q,"betas":["beta-a"],"timeout":"30s"}`, urlA)
	cfgB := fmt.Sprintf(`{"base_url":%q,"betas":["beta-b"],"retry":{"max_retries":0}}`, urlB)
	path := filepath.Join(t.TempDir(), "claude.json")
	writeFile(t, path, cfgA)

	applied := make(chan liveconfig.File, 16)
	refused := make(chan error, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := liveconfig.Watch(ctx, liveconfig.Config{
		Path: path, Base: []client.Option{client.WithAPIKey(testKey)},
		OnApply: func(c liveconfig.File) { applied <- c },
		OnError: func(err error) { refused <- err },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	wait(t, applied, "first apply")

	stop := make(chan struct{})
	var calls, failed atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := w.Client().Messages.Create(context.Background(), request()); err != nil {
					failed.Add(1)
					t.Error(err)
				}
				calls.Add(1)
			}
		}()
	}
	for i := 0; i < 10; i++ {
		next, base := cfgB, urlB
		if i%2 == 1 {
			next, base = cfgA, urlA
		}
		writeFile(t, path, next)
		for c := wait(t, applied, "apply"); c.BaseURL != base; c = wait(t, applied, "apply") {
		}
		if i == 4 {
			writeFile(t, path, `{"base_url": "http://example.com", "betas": ["beta-x"]}`)
			err := wait(t, refused, "refusal")
			if !strings.Contains(err.Error(), "base_url") {
				t.Errorf("refusal does not name the field: %v", err)
			}
			if got := w.Current().BaseURL; got != base {
				t.Errorf("a bad file changed the live configuration to %s", got)
			}
			writeFile(t, path, next) // back to good
			wait(t, applied, "apply after the bad file")
		}
	}
	close(stop)
	wg.Wait()
	if failed.Load() != 0 || mixed.Load() != 0 || hitsA.Load() == 0 || hitsB.Load() == 0 {
		t.Fatalf("calls %d failed %d mixed %d (A %d, B %d)", calls.Load(), failed.Load(), mixed.Load(), hitsA.Load(), hitsB.Load())
	}
	t.Logf("%d calls over 10 reloads and a refused file", calls.Load())
}

// TestBadConfigsNamed: each refused file says which field is wrong.
func TestBadConfigsNamed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body, want string }{
		{"c.json", `{"timeout":"soon"}`, "invalid duration"},
		{"c.json", `{"time_out":"1s"}`, `unknown field "time_out"`},
		{"c.json", `{"base_url":"http://example.com"}`, "base_url"},
		{"c.json", `{"quotas":[{"period":"week","requests":1}]}`, "quotas[0].period"},
		{"c.json", `{"quotas":[{"period":"day"}]}`, "quotas[0]: no limit"},
		{"c.json", `{"retry":{"base_delay":"2s","max_delay":"1s"}}`, "retry: base_delay"},
		{"c.json", `{"betas":["a,b"]}`, "betas[0]"},
		{"c.yaml", "timeout: 1s\nbase_urll: x\n", "base_urll"},
		{"c.toml", ``, "unknown format"},
	} {
		if _, err := liveconfig.Parse(tc.name, []byte(tc.body)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%s) = %v, want %q", tc.body, err, tc.want)
		}
	}
	c, err := liveconfig.Parse("c.yml", []byte("base_url: https://gateway.example.com\ntimeout: 90s\nbetas: [files-api-2025-04-14]\nrate_limit:\n  requests_per_minute: 50\nquotas:\n  - period: month\n    cost_usd: 100\n"))
	if err != nil || c.BaseURL != "https://gateway.example.com" || time.Duration(c.Timeout) != 90*time.Second || c.RateLimit.RequestsPerMinute != 50 || c.Quotas[0].CostUSD != 100 {
		t.Fatalf("yaml: %+v %v", c, err)
	}
	if _, err := liveconfig.Watch(context.Background(), liveconfig.Config{Path: filepath.Join(t.TempDir(), "missing.json")}); err == nil {
		t.Fatal("a missing first file was accepted")
	}
}

// TestQuotaSurvivesReload: a reload that keeps the quota keeps its counts,
// and one that changes it keeps the window's counts (the store is shared).
func TestQuotaSurvivesReload(t *testing.T) {
	var hits, mixed atomic.Int64
	url := betaServer(t, "*", &hits, &mixed)
	path := filepath.Join(t.TempDir(), "claude.yaml")
	conf := func(beta string, requests int) string {
		b := ""
		if beta != "" {
			b = "betas: [" + beta + "]\n"
		}
		return fmt.Sprintf("base_url: %s\n%squotas:\n  - period: day\n    requests: %d\n", url, b, requests)
	}
	writeFile(t, path, conf("", 2))
	applied := make(chan liveconfig.File, 4)
	w, err := liveconfig.Watch(context.Background(), liveconfig.Config{Path: path, Base: []client.Option{client.WithAPIKey(testKey)}, OnApply: func(c liveconfig.File) { applied <- c }})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	wait(t, applied, "first apply")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := w.Client().Messages.Create(ctx, request()); err != nil {
			t.Fatal(err)
		}
	}
	q := w.Quota()
	writeFile(t, path, conf("x-beta", 2)) // betas change, quota does not
	wait(t, applied, "apply")
	if w.Quota() != q {
		t.Error("an unchanged quota was rebuilt")
	}
	if _, err := w.Client().Messages.Create(ctx, request()); !errors.Is(err, quota.ErrQuotaExceeded) {
		t.Fatalf("after a reload the quota forgot its counts: %v", err)
	}
	writeFile(t, path, conf("x-beta", 3)) // a bigger budget, same window
	wait(t, applied, "apply")
	if _, err := w.Client().Messages.Create(ctx, request()); err != nil {
		t.Fatalf("raised budget: %v", err)
	}
	if _, err := w.Client().Messages.Create(ctx, request()); !errors.Is(err, quota.ErrQuotaExceeded) {
		t.Fatalf("raised budget kept the window's counts? %v", err)
	}
}

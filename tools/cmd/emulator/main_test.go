package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitForURL waits until run prints the address it serves on. Loading and
// checking the spec takes seconds under -race on a loaded machine, so the
// wait is bounded by run ending or the test's own deadline, not by a guess
// at how long start-up takes.
func waitForURL(t *testing.T, out, errb *syncBuffer, done chan int) string {
	t.Helper()
	for {
		if url := strings.TrimSpace(out.String()); url != "" {
			return url
		}
		select {
		case code := <-done:
			t.Fatalf("run exited %d before serving; stderr %q", code, errb.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func TestRunServesUntilCancelled(t *testing.T) {
	t.Parallel()
	faults := filepath.Join(t.TempDir(), "faults.json")
	if err := os.WriteFile(faults, []byte(`{"faults":[{"path":"/v1/models","fault":"status=503","count":1}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-faults", faults, "-keys", "sk-ant-test-a,sk-ant-test-b"}, &out, &errb)
	}()

	url := waitForURL(t, &out, &errb, done)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("stdout %q stderr %q", out.String(), errb.String())
	}
	get := func(key string) int {
		req, _ := http.NewRequest("GET", url+"/v1/models", nil)
		req.Header.Set("x-api-key", key)
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get("sk-ant-test-b"); got != 503 {
		t.Fatalf("first request: %d, want the rule's 503", got)
	}
	if got := get("sk-ant-test-b"); got != 200 {
		t.Fatalf("second request: %d, want 200", got)
	}
	if got := get("sk-ant-test-other"); got != 401 {
		t.Fatalf("unknown key: %d, want 401", got)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d, stderr %q", code, errb.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("run did not return within a minute of cancel")
	}
}

func TestRunRefusesNonLoopback(t *testing.T) {
	t.Parallel()
	var out, errb syncBuffer
	if code := run(context.Background(), []string{"-addr", "0.0.0.0:0"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "not loopback") {
		t.Fatalf("code %d stderr %q", code, errb.String())
	}
}

// The bounds are flags: a body past -max-request-bytes gets 413.
func TestRunBoundsFlags(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"-max-request-bytes", "64", "-max-concurrent", "1"}, &out, &errb)
	}()
	url := waitForURL(t, &out, &errb, done)
	body := `{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"` + strings.Repeat("a", 100) + `"}]}`
	req, err := http.NewRequest("POST", url+"/v1/messages", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", "sk-ant-test-a")
	req.Header.Set("anthropic-version", "2023-06-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

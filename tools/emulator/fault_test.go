package emulator

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseFault(t *testing.T) {
	t.Parallel()
	f, err := ParseFault("status=529; retry-after=1 ;type=overloaded_error;message=busy;delay=20ms;after=4;stall=1s;pace=5ms")
	if err != nil {
		t.Fatal(err)
	}
	want := Fault{Status: 529, RetryAfter: "1", ErrorType: "overloaded_error", Message: "busy", Delay: 20 * time.Millisecond, After: 4, Stall: time.Second, Pace: 5 * time.Millisecond}
	if f != want {
		t.Fatalf("got %+v", f)
	}
	for _, s := range []string{"reset=mid;after=2", "error-event=rate_limit_error;after=5", "truncate", "malformed;after=10", "reset=before", "status=500;retry-after=3"} {
		f, err := ParseFault(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		back, err := ParseFault(f.String())
		if err != nil || back != f {
			t.Fatalf("%q -> %q -> %+v, %v", s, f.String(), back, err)
		}
	}
	if f, _ := ParseFault("reset"); f.Reset != "before" {
		t.Fatalf("bare reset = %q", f.Reset)
	}
	for _, bad := range []string{"status=abc", "status=700", "reset=sideways", "delay=soon", "explode", "after=-1"} {
		if _, err := ParseFault(bad); err == nil {
			t.Errorf("ParseFault(%q): want an error", bad)
		}
	}
}

func TestFaultHeaderBadSyntax(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body := call(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "explode")
	wantAPIError(t, resp, body, 400, "invalid_request_error", "x-emulator-fault: unknown fault")
}

func TestFaultStatus(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body := call(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "status=529;retry-after=1")
	wantAPIError(t, resp, body, 529, "overloaded_error", "Overloaded")
	if resp.Header.Get("retry-after") != "1" || resp.Header.Get("x-should-retry") != "true" {
		t.Fatalf("headers %v", resp.Header)
	}
	resp, body = call(t, srv, "GET", "/v1/models", "", HeaderFault, "status=429;type=rate_limit_error;message=slow down")
	wantAPIError(t, resp, body, 429, "rate_limit_error", "slow down")
}

func TestFaultDelay(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	start := time.Now()
	resp, _ := call(t, srv, "GET", "/v1/models", "", HeaderFault, "delay=150ms")
	if resp.StatusCode != 200 || time.Since(start) < 150*time.Millisecond {
		t.Fatalf("status %d after %v", resp.StatusCode, time.Since(start))
	}
}

func TestFaultResetBefore(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	if _, _, err := do(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "reset=before"); err == nil {
		t.Fatal("want a transport error")
	}
}

func TestFaultResetMid(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body, err := do(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "reset=mid")
	if err == nil || resp.StatusCode != 200 || len(body) == 0 {
		t.Fatalf("JSON: want a body read error after some bytes; status %v, %d bytes, err %v", resp, len(body), err)
	}
	resp, body, err = do(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "reset=mid;after=4")
	if err == nil || resp.StatusCode != 200 {
		t.Fatalf("stream: want a body read error; err %v", err)
	}
	if n := strings.Count(string(body), "\n\n"); n != 4 {
		t.Fatalf("stream: %d events before the reset, want 4:\n%s", n, body)
	}
}

func TestFaultTruncate(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body := call(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "truncate;after=40")
	if resp.StatusCode != 200 || len(body) != 40 || json.Valid(body) {
		t.Fatalf("JSON: %d %q", resp.StatusCode, body)
	}
	_, body = call(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "truncate")
	evs := readSSE(t, body)
	if len(evs) != 3 || evs[2].name != "ping" {
		t.Fatalf("stream: %v", names(evs))
	}
}

func TestFaultErrorEvent(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	_, body := call(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "error-event;after=4")
	evs := readSSE(t, body)
	last := evs[len(evs)-1]
	if len(evs) != 5 || last.name != "error" || last.data != `{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}` {
		t.Fatalf("events %v, last %+v", names(evs), last)
	}
	_, body = call(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "error-event=api_error")
	if !strings.Contains(string(body), `"type": "api_error", "message": "Internal server error"`) {
		t.Fatalf("%s", body)
	}
}

func TestFaultMalformed(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body := call(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "malformed")
	if resp.StatusCode != 200 || json.Valid(body) {
		t.Fatalf("JSON body still valid: %s", body)
	}
	_, body = call(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "malformed;after=3")
	evs := readSSE(t, body)
	if evs[3].name != "content_block_delta" || json.Valid([]byte(evs[3].data)) || evs[len(evs)-1].name != "message_stop" {
		t.Fatalf("events %v; 4th %+v", names(evs), evs[3])
	}
}

func TestFaultStall(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	// A short stall delays the body, which then completes.
	start := time.Now()
	_, body := call(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "stall=150ms")
	if time.Since(start) < 150*time.Millisecond || !strings.Contains(string(body), "message_stop") {
		t.Fatalf("after %v: %s", time.Since(start), body)
	}
	// A long one holds the stream open until the client gives up.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL()+"/v1/messages", strings.NewReader(streamBody("")))
	req.Header.Set("x-api-key", testKey)
	req.Header.Set("anthropic-version", "2023-06-01")
	req.Header.Set(HeaderFault, "stall=1h")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("headers should arrive before the stall: %v", err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 64<<10)
	var got []byte
	for {
		n, err := resp.Body.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			break
		}
	}
	if strings.Count(string(got), "\n\n") != 3 || ctx.Err() == nil {
		t.Fatalf("read %q, ctx %v", got, ctx.Err())
	}
}

func TestFaultPace(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	start := time.Now()
	_, body := call(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "pace=20ms")
	n := strings.Count(string(body), "\n\n")
	if min := time.Duration(n-1) * 20 * time.Millisecond; time.Since(start) < min {
		t.Fatalf("%d events in %v, want at least %v", n, time.Since(start), min)
	}
}

func TestFaultRules(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{Faults: []FaultRule{
		{Path: "/v1/models", Skip: 1, Count: 2, Fault: Fault{Status: 503}},
		{Path: "/v1/messages*", Method: "POST", Fault: Fault{Status: 500}},
	}})
	var got []int
	for range 5 {
		resp, _ := call(t, srv, "GET", "/v1/models", "")
		got = append(got, resp.StatusCode)
	}
	if want := []int{200, 503, 503, 200, 200}; !slices.Equal(got, want) {
		t.Fatalf("statuses %v, want %v", got, want)
	}
	if resp, _ := call(t, srv, "POST", "/v1/messages/count_tokens", `{}`); resp.StatusCode != 500 {
		t.Fatalf("prefix rule: %d", resp.StatusCode)
	}
	// The header wins over the rules.
	if resp, _ := call(t, srv, "POST", "/v1/messages", helloBody, HeaderFault, "status=418"); resp.StatusCode != 418 {
		t.Fatalf("header: %d", resp.StatusCode)
	}
	if srv.Handler().Requests() != 7 {
		t.Fatalf("Requests() = %d", srv.Handler().Requests())
	}
}

func TestFaultProbabilityIsSeeded(t *testing.T) {
	t.Parallel()
	pattern := func() []int {
		srv := setup(t, Config{Seed: 42, Faults: []FaultRule{{Probability: 0.5, Fault: Fault{Status: 529}}}})
		var got []int
		for range 20 {
			resp, _ := call(t, srv, "GET", "/v1/models", "")
			got = append(got, resp.StatusCode)
		}
		return got
	}
	a, b := pattern(), pattern()
	faulted := 0
	for _, s := range a {
		if s == 529 {
			faulted++
		}
	}
	if !slices.Equal(a, b) || faulted == 0 || faulted == 20 {
		t.Fatalf("runs %v and %v", a, b)
	}
}

func TestLoadFaults(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"array.json":   `[{"path":"/v1/messages","fault":"status=529;retry-after=1","count":2}]`,
		"wrapped.json": `{"faults":[{"path":"/v1/messages","fault":"status=529;retry-after=1","count":2}]}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		rules, err := LoadFaults(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rules) != 1 || rules[0].Count != 2 || rules[0].Fault != (Fault{Status: 529, RetryAfter: "1"}) {
			t.Fatalf("%s: %+v", name, rules)
		}
	}
	p := filepath.Join(dir, "bad.json")
	_ = os.WriteFile(p, []byte(`[{"fault":"explode"}]`), 0o600)
	if _, err := LoadFaults(p); err == nil {
		t.Fatal("bad fault: want an error")
	}
	raw, _ := json.Marshal(FaultRule{Path: "/v1/models", Fault: Fault{Reset: "mid", After: 2}})
	if string(raw) != `{"path":"/v1/models","fault":"after=2;reset=mid"}` {
		t.Fatalf("marshal: %s", raw)
	}
}

func TestCloseEndsStalledStreams(t *testing.T) {
	t.Parallel()
	srv, err := Start(context.Background(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		_, _, err := do(t, srv, "POST", "/v1/messages", streamBody(""), HeaderFault, "stall=1h")
		errc <- err
	}()
	for srv.Handler().Requests() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	done := make(chan struct{})
	go func() { _ = srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close hangs on a stalled stream")
	}
	<-errc
}

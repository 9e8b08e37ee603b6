package promptcache_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/promptcache"
)

func recorded(t *testing.T, name, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "recorded", name, file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bigRequest has tools, a plain-text system prompt and a conversation, each
// long enough to cache.
func bigRequest(t *testing.T) client.MessageRequest {
	t.Helper()
	long := strings.Repeat("Reference material. ", 1000)
	var req client.MessageRequest
	body := `{"model":"claude-sonnet-4-5","max_tokens":10,
	 "tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"lookup","description":"` + long + `","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}],
	 "system":"` + long + `",
	 "messages":[{"role":"user","content":"` + long + `"},
	             {"role":"assistant","content":[{"type":"text","text":"ok"},{"type":"thinking","thinking":"hm","signature":"sig"}]}]}`
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		t.Fatal(err)
	}
	return req
}

func get(t *testing.T, req client.MessageRequest) map[string]any {
	t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPlaceThreeBreakpoints: the last tool, the system prompt (turned into a
// block) and the last cacheable block of the conversation (not the thinking
// block, which the API refuses to mark) get cache_control, 1h lifetime, and
// nothing else in the request changes.
func TestPlaceThreeBreakpoints(t *testing.T) {
	t.Parallel()
	req := bigRequest(t)
	before := get(t, req)
	p, err := promptcache.Place(&req, promptcache.Config{TTL: "1h"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"tools[1]", "system[0]", "messages[1].content[0]"}
	if strings.Join(p.Added, ",") != strings.Join(want, ",") || p.Existing != 0 {
		t.Fatalf("placement %+v, want %v", p, want)
	}
	m := get(t, req)
	cc := map[string]any{"type": "ephemeral", "ttl": "1h"}
	tool := m["tools"].([]any)[1].(map[string]any)
	sys := m["system"].([]any)[0].(map[string]any)
	asst := m["messages"].([]any)[1].(map[string]any)["content"].([]any)
	for name, got := range map[string]any{"tool": tool["cache_control"], "system": sys["cache_control"], "text block": asst[0].(map[string]any)["cache_control"]} {
		if b1, b2 := mustJSON(t, got), mustJSON(t, cc); b1 != b2 {
			t.Errorf("%s cache_control = %s, want %s", name, b1, b2)
		}
	}
	if _, ok := asst[1].(map[string]any)["cache_control"]; ok {
		t.Error("thinking block marked")
	}
	if _, ok := m["tools"].([]any)[0].(map[string]any)["cache_control"]; ok {
		t.Error("first tool marked")
	}
	// Everything else is as it was.
	if mustJSON(t, tool["input_schema"]) != mustJSON(t, before["tools"].([]any)[1].(map[string]any)["input_schema"]) || sys["text"] != before["system"] {
		t.Error("placing breakpoints changed the content")
	}
	// Placing again adds one more at most: the limit is four in all.
	p2, err := promptcache.Place(&req, promptcache.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if p2.Existing != 3 || len(p2.Added) != 1 || len(p2.Skipped) != 2 || !strings.Contains(p2.Skipped[0], "already has 4") {
		t.Fatalf("second placement %+v", p2)
	}
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPlaceSkipsShortPrefixes: under the model's minimum the API would not
// cache, so no breakpoint is spent; the reason names the minimum.
func TestPlaceSkipsShortPrefixes(t *testing.T) {
	t.Parallel()
	req := client.MessageRequest{Model: "claude-haiku-4-5-20251001", MaxTokens: 5, System: client.SystemText("Be brief."), Messages: []client.MessageParam{client.UserText("hi")}}
	p, err := promptcache.Place(&req, promptcache.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Added) != 0 || len(p.Skipped) != 2 || !strings.Contains(p.Skipped[0], "minimum of 4096 for claude-haiku-4-5-20251001") {
		t.Fatalf("%+v", p)
	}
	if strings.Contains(mustJSON(t, req), "cache_control") {
		t.Fatal("short request marked")
	}
}

// TestPlaceRecordedRequest: a recorded request that already marks its long
// system prompt gets the conversation breakpoint after it.
func TestPlaceRecordedRequest(t *testing.T) {
	t.Parallel()
	var req client.MessageRequest
	if err := json.Unmarshal(recorded(t, "msg-prompt-cache-write-1h", "request.json"), &req); err != nil {
		t.Fatal(err)
	}
	p, err := promptcache.Place(&req, promptcache.Config{SkipSystem: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.Existing != 1 || len(p.Added) != 1 || p.Added[0] != "messages[0].content[0]" {
		t.Fatalf("%+v", p)
	}
}

func TestPlaceBadTTL(t *testing.T) {
	t.Parallel()
	req := bigRequest(t)
	if _, err := promptcache.Place(&req, promptcache.Config{TTL: "10m"}); err == nil || !strings.Contains(err.Error(), `TTL "10m"`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := promptcache.Place(nil, promptcache.Config{}); err == nil {
		t.Fatal("nil request accepted")
	}
}

// TestReportRecorded reads the cache outcome of recorded replies.
func TestReportRecorded(t *testing.T) {
	t.Parallel()
	var read, write client.Message
	if err := json.Unmarshal(recorded(t, "msg-prompt-cache-read", "body.json"), &read); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(recorded(t, "msg-prompt-cache-write-1h", "body.json"), &write); err != nil {
		t.Fatal(err)
	}
	s, err := promptcache.Report(read.Model, read.Usage)
	if err != nil {
		t.Fatal(err)
	}
	// 2055 tokens read at $0.30 instead of $3 per MTok.
	if s.CachedTokens != 2055 || s.UncachedTokens != 11 || math.Abs(s.SavedUSD-2055*2.7e-6) > 1e-12 || math.Abs(s.HitRate-2055.0/2066) > 1e-12 {
		t.Fatalf("read: %+v", s)
	}
	s, err = promptcache.Report(write.Model, write.Usage)
	if err != nil {
		t.Fatal(err)
	}
	// 2056 tokens written for an hour at $6 instead of $3: it cost $0.006168 more.
	if s.WrittenTokens != 2056 || s.CachedTokens != 0 || math.Abs(s.SavedUSD+2056*3e-6) > 1e-12 {
		t.Fatalf("write: %+v", s)
	}
	if _, err := promptcache.Report("claude-next-9", read.Usage); err == nil {
		t.Fatal("unknown model priced")
	}
}

func TestMinTokens(t *testing.T) {
	t.Parallel()
	for m, want := range map[string]int{"claude-opus-5": 512, "claude-haiku-4-5-20251001": 4096, "claude-sonnet-4-20250514": 1024, "claude-new-1": promptcache.DefaultMinTokens} {
		if got := promptcache.MinTokens(m); got != want {
			t.Errorf("MinTokens(%s) = %d, want %d", m, got, want)
		}
	}
}

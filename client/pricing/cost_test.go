package pricing_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

const testKey = "sk-ant-test-pricing"

func recorded(t *testing.T, name, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "recorded", name, file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// TestCostRecorded prices recorded real replies by hand-computed amounts:
// a 1-hour cache write, a cache read (and what it saved), a batch result at
// half price.
func TestCostRecorded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file       string
		total, saved     float64
		batch            bool
		cacheW1h, cacheR float64
	}{
		// claude-sonnet-4: 17 in x $3 + 2056 1h writes x $6 + 100 out x $15, per MTok.
		{"msg-prompt-cache-write-1h", "body.json", 0.013887, 2056*3e-6 - 2056*6e-6, false, 0.012336, 0},
		// 11 in x $3 + 2055 reads x $0.30 + 100 out x $15.
		{"msg-prompt-cache-read", "body.json", 0.0021495, 2055*3e-6 - 2055*0.3e-6, false, 0, 0.0006165},
	} {
		var m client.Message
		if err := json.Unmarshal(recorded(t, tc.name, tc.file), &m); err != nil {
			t.Fatal(err)
		}
		b, err := pricing.Message(&m)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !near(b.Total, tc.total) || !near(b.Saved, tc.saved) || !near(b.CacheWrite1h, tc.cacheW1h) || !near(b.CacheRead, tc.cacheR) || b.Batch != tc.batch {
			t.Errorf("%s: got %+v, want total %v saved %v", tc.name, b, tc.total, tc.saved)
		}
	}
}

// TestCostBatchResult: a Message Batches result (service_tier "batch") pays
// the batch discount.
func TestCostBatchResult(t *testing.T) {
	t.Parallel()
	var line struct {
		Result struct {
			Message client.Message `json:"message"`
		} `json:"result"`
	}
	if err := json.Unmarshal(recorded(t, "batch-results", "body.jsonl"), &line); err != nil {
		t.Fatal(err)
	}
	b, err := pricing.Message(&line.Result.Message)
	if err != nil {
		t.Fatal(err)
	}
	// claude-haiku-4-5: (20 x $1 + 5 x $5) / MTok, halved.
	if !b.Batch || !near(b.Total, 22.5e-6) {
		t.Fatalf("batch result: %+v, want 22.5e-6 with the discount", b)
	}
}

// TestCostStreamed prices the reply accumulated from a recorded stream: the
// usage of message_start (input, cache write) and the final output tokens of
// message_delta.
func TestCostStreamed(t *testing.T) {
	t.Parallel()
	body := recorded(t, "stream-prompt-cache-write", "body.sse")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-sonnet-4-20250514", MaxTokens: 100, Messages: []client.MessageParam{client.UserText("hi")}}
	s, err := c.Messages.Stream(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for s.Next() {
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := pricing.Message(s.Message())
	if err != nil {
		t.Fatal(err)
	}
	// 18 in x $3 + 1031 5m writes x $3.75 + 100 out x $15, per MTok.
	if !near(b.Total, 0.00542025) || !near(b.Output, 0.0015) {
		t.Fatalf("streamed: %+v, want total 0.00542025", b)
	}
}

func TestCostUnknownModelIsAnError(t *testing.T) {
	t.Parallel()
	b, err := pricing.Cost("claude-nonexistent-9", client.Usage{InputTokens: 10, OutputTokens: 10})
	var unk *pricing.UnknownModelError
	if !errors.As(err, &unk) || !errors.Is(err, pricing.ErrUnknownModel) || unk.Model != "claude-nonexistent-9" {
		t.Fatalf("err = %v, want *UnknownModelError", err)
	}
	if !strings.Contains(err.Error(), pricing.Default().Date) {
		t.Errorf("error %q does not name the table's date", err)
	}
	if b.Total != 0 {
		t.Errorf("unknown model priced: %+v", b)
	}
}

func TestLookupIDs(t *testing.T) {
	t.Parallel()
	tab := pricing.Default()
	for id, want := range map[string]string{
		"claude-haiku-4-5-20251001": "claude-haiku-4-5",
		"claude-sonnet-4-20250514":  "claude-sonnet-4-6",
		"claude-sonnet-5-5[1m]":     "claude-sonnet-5-5",
		"claude-mythos-5-1":         "claude-fable-5-1",
		"claude-opus-4-5-20251101":  "claude-opus-5",
	} {
		m, ok := tab.Lookup(id)
		if !ok || m.Model != want {
			t.Errorf("Lookup(%q) = %v, %v; want row %s", id, m, ok, want)
		}
	}
	for _, id := range []string{"", "claude", "gpt-4", "claude-haiku-4-5-2025100"} {
		if _, ok := tab.Lookup(id); ok {
			t.Errorf("Lookup(%q) found a row", id)
		}
	}
}

// TestLongPromptBand: past the threshold every token, output included, pays
// the long-prompt rates.
func TestLongPromptBand(t *testing.T) {
	t.Parallel()
	short, err := pricing.Default().CostTokens("claude-haiku-5-5", pricing.Tokens{Input: 100000, Output: 1000})
	if err != nil {
		t.Fatal(err)
	}
	long, err := pricing.Default().CostTokens("claude-haiku-5-5", pricing.Tokens{Input: 90000, CacheRead: 10001, Output: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if short.LongPrompt || !near(short.Total, 100000*0.1e-6+1000*0.5e-6) {
		t.Errorf("at the threshold: %+v", short)
	}
	if !long.LongPrompt || !near(long.Total, 90000*0.5e-6+10001*0.05e-6+1000*2.5e-6) {
		t.Errorf("past the threshold: %+v", long)
	}
}

func TestLoadRejectsBadTables(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ json, want string }{
		{`{"batch_discount":0.5,"models":[{"model":"","input":1}]}`, "models[0]: empty model"},
		{`{"batch_discount":0.5,"models":[{"model":"a","output":-1}]}`, "output rate -1 is negative"},
		{`{"batch_discount":0.5,"models":[{"model":"a"},{"model":"b","aliases":["a"]}]}`, `models[1]: "a" is listed twice`},
		{`{"batch_discount":0,"models":[]}`, "batch_discount"},
		{`{"batch_discount":0.5,"models":[{"model":"a","imput":1}]}`, `unknown field "imput"`},
		{`{"batch_discount":0.5,"models":[{"model":"a","long_prompt":{"threshold_tokens":0}}]}`, "threshold_tokens"},
	} {
		_, err := pricing.Load(strings.NewReader(tc.json))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%s) = %v, want error containing %q", tc.json, err, tc.want)
		}
	}
}

// TestDefaultTableIsDatedAndSourced: the embedded table says when and where
// its prices come from, and prices every model the client's tests use.
func TestDefaultTableIsDatedAndSourced(t *testing.T) {
	t.Parallel()
	tab := pricing.Default()
	if len(tab.Date) != len("2006-01-02") || !strings.HasPrefix(tab.Source, "https://") {
		t.Fatalf("date %q source %q", tab.Date, tab.Source)
	}
	for _, m := range []string{"claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-6", "claude-sonnet-5-5", "claude-haiku-5-5", "claude-fable-5-1"} {
		if _, ok := tab.Lookup(m); !ok {
			t.Errorf("%s missing", m)
		}
	}
}

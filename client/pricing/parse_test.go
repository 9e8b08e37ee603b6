package pricing_test

import (
	"encoding/json"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

var usageSeeds = []string{
	`{"input_tokens":12,"output_tokens":3}`,
	`{"input_tokens":17,"cache_creation_input_tokens":2056,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":2056},"output_tokens":100,"service_tier":"standard","inference_geo":"us"}`,
	`{"input_tokens":20,"output_tokens":5,"service_tier":"batch"}`,
	`{"input_tokens":1,"output_tokens":1,"cache_creation_input_tokens":10,"cache_creation":{"ephemeral_1h_input_tokens":4}}`,
	`{"input_tokens":1,"input_tokens":2,"output_tokens":null}`,
	`{"input_tokens":1.5}`,
	`{"input_tokens":"1"}`,
	`{"input\u005ftokens":7}`,
	`{"Input_Tokens":7,"output_tokens":1}`,
	`{"input_tokens":1,"server_tool_use":{"web_search_requests":2}}`,
	`{"input_tokens":1,"server_tool_use":{"web_search_requests":"x"}}`,
	`{"input_tokens":1,"iterations":5}`,
	`{"input_tokens":1,"speed":7}`,
	`{"input_tokens":1,"service_tier":"b\u0061tch"}`,
	`{"input_tokens":1,"cache_creation":null}`,
	`{"input_tokens":1,"cache_creation":{"ephemeral_5m_input_tokens":null}}`,
	`{"input_tokens":99999999999999999999}`,
	`{"input_tokens":-3,"output_tokens":+3}`,
	`null`,
	`[]`,
	`{"input_tokens":1,}`,
	`{"input_tokens":1} x`,
	` { "input_tokens" : 4 , "output_tokens" : 5 } `,
}

// FuzzParseTokens: ParseTokens agrees with decoding a client.Usage with
// encoding/json and pricing it with FromUsage: the same counts when that
// decodes, an error when it fails (ARCHITECTURE.md, rule 10).
func FuzzParseTokens(f *testing.F) {
	for _, s := range usageSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var u client.Usage
		slowErr := json.Unmarshal(b, &u)
		got, err := pricing.ParseTokens(b)
		if (slowErr == nil) != (err == nil) {
			t.Fatalf("%s: decoder error %v, ParseTokens error %v", b, slowErr, err)
		}
		if slowErr == nil && got != pricing.FromUsage(u) {
			t.Fatalf("%s: ParseTokens %+v, FromUsage %+v", b, got, pricing.FromUsage(u))
		}
	})
}

// TestParseTokensSplitAndBatch pins two readings by hand: the 1-hour write
// split (the rest of cache_creation_input_tokens counts as 5-minute writes)
// and the batch tier.
func TestParseTokensSplitAndBatch(t *testing.T) {
	t.Parallel()
	got, err := pricing.ParseTokens([]byte(usageSeeds[3]))
	if err != nil || got != (pricing.Tokens{Input: 1, Output: 1, CacheWrite1h: 4, CacheWrite5m: 6}) {
		t.Fatalf("split: %+v, %v", got, err)
	}
	got, err = pricing.ParseTokens([]byte(usageSeeds[2]))
	if err != nil || !got.Batch || got.Input != 20 {
		t.Fatalf("batch: %+v, %v", got, err)
	}
	if _, err := pricing.ParseTokens([]byte(`{"input_tokens":"1"}`)); err == nil {
		t.Fatal("a string count was accepted")
	}
}

func BenchmarkParseTokens(b *testing.B) {
	u := []byte(usageSeeds[1])
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pricing.ParseTokens(u); err != nil {
			b.Fatal(err)
		}
	}
}

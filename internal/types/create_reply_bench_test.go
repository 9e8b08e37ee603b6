package types_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/types"
)

// createReply is tools/bench's non-streamed reply: one text block whose
// text makes the body about size bytes.
func createReply(size int) []byte {
	var text strings.Builder
	words := []string{"Hello, ", "world! ", "The quick brown fox ", "jumps over the lazy dog.\n", "\"Quoted\" ", "café ", "naïve "}
	for i := 0; text.Len() < size-400; i++ {
		text.WriteString(words[i%len(words)])
	}
	t, _ := json.Marshal(text.String())
	return []byte(`{"model":"claude-sonnet-4-5-20250929","id":"msg_01BnVamfF7ccY9Qt3nZHAyaG","type":"message","role":"assistant","content":[{"type":"text","text":` + string(t) + `}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":120,"service_tier":"standard"}}`)
}

// BenchmarkCreateReply decodes a create reply as the client does (the
// Message's own UnmarshalJSON on the body) and reads it the ways
// tools/bench compares: Text(), the BlockOf type switch, the union's
// Discriminator and As<Variant> methods, and the floor (encoding/json into
// a minimal struct).
func BenchmarkCreateReply(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1KB", 1 << 10}, {"200KB", 200 << 10}} {
		body := createReply(size.n)
		// decoded runs the client's decode and then read, which says how
		// much text it found.
		decoded := func(name string, read func(*types.Message) (int, error)) {
			b.Run(size.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					var m types.Message
					if err := m.UnmarshalJSON(body); err != nil {
						b.Fatal(err)
					}
					n, err := read(&m)
					if err != nil {
						b.Fatal(err)
					}
					if n < 100 {
						b.Fatal("short text")
					}
				}
			})
		}
		decoded("Text", func(m *types.Message) (int, error) { return len(m.Text()), nil })
		decoded("BlockOf", func(m *types.Message) (int, error) {
			n := 0
			for _, c := range m.Content {
				switch v := types.BlockOf(c).(type) {
				case gen.TextBlock:
					n += len(v.Text)
				}
			}
			return n, nil
		})
		decoded("As", func(m *types.Message) (int, error) {
			n := 0
			for _, c := range m.Content {
				if d, err := c.Discriminator(); err != nil || d != "text" {
					continue
				}
				tb, err := c.AsTextBlock()
				if err != nil {
					return 0, err
				}
				n += len(tb.Text)
			}
			return n, nil
		})
		b.Run(size.name+"/floor", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var m struct {
					ID      string `json:"id"`
					Content []struct {
						Type string `json:"type"`
						Text string `json:"text"`
					} `json:"content"`
					Usage struct {
						InputTokens  int `json:"input_tokens"`
						OutputTokens int `json:"output_tokens"`
					} `json:"usage"`
				}
				if err := json.Unmarshal(body, &m); err != nil {
					b.Fatal(err)
				}
				if len(m.Content[0].Text) < 100 {
					b.Fatal("short text")
				}
			}
		})
	}
}

// toolUseBlock is a tool_use block of about 1 KB, as a reply carries it.
func toolUseBlock() []byte {
	input := map[string]any{"query": strings.Repeat("weather in Paris ", 20), "units": "celsius", "days": 7,
		"filters": map[string]any{"rain": true, "wind": []any{"n", "ne", "e"}, "notes": strings.Repeat("x", 500)}}
	in, _ := json.Marshal(input)
	return []byte(`{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_forecast","input":` + string(in) + `}`)
}

// BenchmarkToolUseBlock reads a 1 KB tool_use block through the union's
// AsToolUseBlock, through BlockOf, and with encoding/json into the variant
// (what AsToolUseBlock did before issue 14).
func BenchmarkToolUseBlock(b *testing.B) {
	raw := toolUseBlock()
	var c gen.ContentBlock
	if err := c.UnmarshalJSON(raw); err != nil {
		b.Fatal(err)
	}
	b.Run("As", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			if tu, err := c.AsToolUseBlock(); err != nil || tu.Name != "get_forecast" {
				b.Fatal(tu.Name, err)
			}
		}
	})
	b.Run("BlockOf", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			if tu, ok := types.BlockOf(c).(gen.ToolUseBlock); !ok || tu.Name != "get_forecast" {
				b.Fatal(tu.Name)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			var tu gen.ToolUseBlock
			if err := json.Unmarshal(raw, &tu); err != nil || tu.Name != "get_forecast" {
				b.Fatal(tu.Name, err)
			}
		}
	})
}

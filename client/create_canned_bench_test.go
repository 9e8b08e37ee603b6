package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/canned"
)

// reply1KB is a Create reply of about 1 KB, as tools/bench serves it.
var reply1KB = []byte(`{"model":"claude-sonnet-4-5-20250929","id":"msg_01BnVamfF7ccY9Qt3nZHAyaG","type":"message","role":"assistant","content":[{"type":"text","text":"` +
	strings.Repeat("Hello world. ", 48) + `"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":120,"service_tier":"standard"}}`)

// cannedReply answers every request with reply1KB from memory, so the
// Create benchmarks below count the client's own work (request building,
// pipeline, reading, decoding), not the network's or a server's, and
// callgrind compares it with the floor's on the same transport.
type cannedReply struct{}

func (cannedReply) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"application/json"}, "Request-Id": {"req_bench"}}
	return canned.Respond(r, h, bytes.NewReader(reply1KB), int64(len(reply1KB))), nil
}

func benchCreateCanned(b *testing.B, read func(*client.Message) int) {
	c, err := client.New(client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL("http://127.0.0.1:1"),
		client.WithHTTPClient(&http.Client{Transport: cannedReply{}}))
	if err != nil {
		b.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-sonnet-4-5", MaxTokens: 1024, Messages: []client.MessageParam{client.UserText("Hello")}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		m, err := c.Messages.Create(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if read(m) < 500 {
			b.Fatal("short text")
		}
	}
}

// BenchmarkCreateCanned1KBText is one Create of a 1 KB reply read with
// Message.Text, without the network (tools/bench: "create 1KB reply").
func BenchmarkCreateCanned1KBText(b *testing.B) {
	benchCreateCanned(b, func(m *client.Message) int { return len(m.Text()) })
}

// BenchmarkCreateCanned1KBBlockOf reads the same reply with the README's
// type switch (tools/bench: "create 1KB, BlockOf switch").
func BenchmarkCreateCanned1KBBlockOf(b *testing.B) {
	benchCreateCanned(b, func(m *client.Message) int {
		n := 0
		for _, c := range m.Content {
			if t, ok := client.BlockOf(c).(client.TextBlock); ok {
				n += len(t.Text)
			}
		}
		return n
	})
}

// BenchmarkFloorCreate1KB is the raw floor of the two above on the same
// transport, as tools/bench's floor does it: a prebuilt body, net/http,
// io.ReadAll and encoding/json into a minimal struct.
func BenchmarkFloorCreate1KB(b *testing.B) {
	hc := &http.Client{Transport: cannedReply{}}
	body := []byte(`{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}]}`)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1:1/v1/messages", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("x-api-key", "sk-ant-test-bench")
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
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
		if err := json.Unmarshal(raw, &m); err != nil || len(m.Content) == 0 || len(m.Content[0].Text) < 500 {
			b.Fatalf("floor: %v", err)
		}
	}
}

package client_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/canned"
)

// firstEventBody is a short streamed reply as the API frames it.
const firstEventBody = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5-20250929\",\"id\":\"msg_01BnVamfF7ccY9Qt3nZHAyaG\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":543,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n" +
	"event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
	"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n" +
	"event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
	"event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":1}}\n\n" +
	"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"

// cannedStream answers every request with firstEventBody from memory, so a
// benchmark counts the client's own work (request, pipeline, stream setup,
// decoding), not the network's.
type cannedStream struct{}

func (cannedStream) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"text/event-stream; charset=utf-8"}, "Request-Id": {"req_bench"}}
	return canned.Respond(r, h, strings.NewReader(firstEventBody), -1), nil
}

// BenchmarkStreamFirstEvent is the client's cost from Messages.Stream to
// the first event in hand (message_start, decoded), the stream then closed:
// time to first event without the network. tools/bench measures the same
// on loopback beside the official SDK and the raw floor.
func BenchmarkStreamFirstEvent(b *testing.B) { benchFirstEvent(b, context.Background()) }

// BenchmarkStreamFirstEventCancellable is the same with a context that can
// be cancelled, which the stream watches (a server handler's, say).
func BenchmarkStreamFirstEventCancellable(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	benchFirstEvent(b, ctx)
}

func benchFirstEvent(b *testing.B, ctx context.Context) {
	c, err := client.New(client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL("http://127.0.0.1:1"),
		client.WithHTTPClient(&http.Client{Transport: cannedStream{}}))
	if err != nil {
		b.Fatal(err)
	}
	req := minimalRequest()
	b.ReportAllocs()
	for b.Loop() {
		s, err := c.Messages.Stream(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if !s.Next() || s.Event().Type != "message_start" {
			b.Fatalf("first event %q: %v", s.Event().Type, s.Err())
		}
		_ = s.Close()
	}
}

// BenchmarkFloorFirstEvent is the raw floor of BenchmarkStreamFirstEvent on
// the same canned transport: a prebuilt body, net/http, bufio lines and
// encoding/json into a minimal struct (what tools/bench calls the floor).
func BenchmarkFloorFirstEvent(b *testing.B) {
	hc := &http.Client{Transport: cannedStream{}}
	body := []byte(`{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}],"stream":true}`)
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
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 4096), 1<<20)
		for sc.Scan() {
			d, ok := bytes.CutPrefix(sc.Bytes(), []byte("data: "))
			if !ok {
				continue
			}
			var ev struct {
				Type  string `json:"type"`
				Delta struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"delta"`
			}
			if err := json.Unmarshal(d, &ev); err != nil || ev.Type != "message_start" {
				b.Fatalf("first event %q: %v", ev.Type, err)
			}
			break
		}
		_ = resp.Body.Close()
	}
}

package agent_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
)

// fakeAPI is a loopback server speaking the Messages wire format: it answers
// POST /v1/messages with scripted replies in order (a message JSON, sent as
// JSON or, when the request streams, as the API's SSE events) and keeps
// every request body.
type fakeAPI struct {
	t       testing.TB
	mu      sync.Mutex
	replies []string
	reqs    [][]byte
}

func setup(t testing.TB, replies ...string) (*client.Client, *fakeAPI) {
	t.Helper()
	f := &fakeAPI{t: t, replies: replies}
	srv := httptest.NewServer(httpHandler(f))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey("sk-ant-test-agent"), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

func httpHandler(f *fakeAPI) http.Handler { return http.HandlerFunc(f.serve) }

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, body)
	var reply string
	if n < len(f.replies) {
		reply = f.replies[n]
	}
	f.mu.Unlock()
	if reply == "" {
		w.WriteHeader(500)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"no scripted reply"}}`)
		return
	}
	w.Header().Set("request-id", fmt.Sprintf("req_%d", n))
	if strings.HasPrefix(reply, "event:") { // a recorded SSE body
		w.Header().Set("content-type", "text/event-stream")
		_, _ = io.WriteString(w, reply)
		return
	}
	var req struct {
		Stream bool `json:"stream"`
	}
	_ = json.Unmarshal(body, &req)
	if req.Stream {
		w.Header().Set("content-type", "text/event-stream")
		_, _ = io.WriteString(w, toSSE(reply))
		return
	}
	w.Header().Set("content-type", "application/json")
	_, _ = io.WriteString(w, reply)
}

// request returns request i decoded as generic JSON.
func (f *fakeAPI) request(i int) map[string]any {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if i >= len(f.reqs) {
		f.t.Fatalf("request %d was not sent (%d sent)", i, len(f.reqs))
	}
	var m map[string]any
	if err := json.Unmarshal(f.reqs[i], &m); err != nil {
		f.t.Fatal(err)
	}
	return m
}

func (f *fakeAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// msg is a reply message JSON with the given stop reason and blocks.
func msg(stop string, blocks ...string) string {
	return msgUsage(stop, 10, 5, blocks...)
}

func msgUsage(stop string, in, out int, blocks ...string) string {
	return fmt.Sprintf(`{"id":"msg_x","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[%s],"stop_reason":%q,"stop_sequence":null,"usage":{"input_tokens":%d,"output_tokens":%d}}`,
		strings.Join(blocks, ","), stop, in, out)
}

func text(s string) string {
	b, _ := json.Marshal(s)
	return `{"type":"text","text":` + string(b) + `}`
}

func toolUse(id, name, input string) string {
	return fmt.Sprintf(`{"type":"tool_use","id":%q,"name":%q,"input":%s,"caller":{"type":"direct"}}`, id, name, input)
}

// toSSE turns a message JSON into the API's event sequence: text in one
// delta, tool input in two halves (so partial input is seen).
func toSSE(message string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(message), &m); err != nil {
		panic(err)
	}
	var blocks []map[string]json.RawMessage
	_ = json.Unmarshal(m["content"], &blocks)
	var b strings.Builder
	ev := func(name string, v any) {
		data, _ := json.Marshal(v)
		fmt.Fprintf(&b, "event: %s\ndata: %s\n\n", name, data)
	}
	start := map[string]json.RawMessage{}
	for k, v := range m {
		start[k] = v
	}
	start["content"] = json.RawMessage(`[]`)
	start["stop_reason"] = json.RawMessage(`null`)
	ev("message_start", map[string]any{"type": "message_start", "message": start})
	for i, blk := range blocks {
		var typ string
		_ = json.Unmarshal(blk["type"], &typ)
		head := map[string]json.RawMessage{}
		for k, v := range blk {
			head[k] = v
		}
		switch typ {
		case "text":
			head["text"] = json.RawMessage(`""`)
		case "tool_use":
			head["input"] = json.RawMessage(`{}`)
		}
		ev("content_block_start", map[string]any{"type": "content_block_start", "index": i, "content_block": head})
		switch typ {
		case "text":
			var s string
			_ = json.Unmarshal(blk["text"], &s)
			ev("content_block_delta", map[string]any{"type": "content_block_delta", "index": i, "delta": map[string]any{"type": "text_delta", "text": s}})
		case "tool_use":
			in := string(blk["input"])
			half := len(in) / 2
			for _, part := range []string{in[:half], in[half:]} {
				ev("content_block_delta", map[string]any{"type": "content_block_delta", "index": i, "delta": map[string]any{"type": "input_json_delta", "partial_json": part}})
			}
		}
		ev("content_block_stop", map[string]any{"type": "content_block_stop", "index": i})
	}
	ev("message_delta", map[string]any{"type": "message_delta", "delta": map[string]any{"stop_reason": json.RawMessage(m["stop_reason"]), "stop_sequence": nil}, "usage": json.RawMessage(m["usage"])})
	ev("message_stop", map[string]any{"type": "message_stop"})
	return b.String()
}

// recorded returns a recorded body from the repository's testdata.
func recorded(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/recorded/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// messages returns request i's messages.
func (f *fakeAPI) messages(i int) []any {
	f.t.Helper()
	m, _ := f.request(i)["messages"].([]any)
	return m
}

// toolResults returns the tool_result blocks of the last message of
// request i, as generic JSON.
func (f *fakeAPI) toolResults(i int) []map[string]any {
	f.t.Helper()
	msgs := f.messages(i)
	last := msgs[len(msgs)-1].(map[string]any)
	var out []map[string]any
	content, _ := last["content"].([]any)
	for _, c := range content {
		if b := c.(map[string]any); b["type"] == "tool_result" {
			out = append(out, b)
		}
	}
	return out
}

// resultText is a tool_result's content as text.
func resultText(b map[string]any) string {
	switch c := b["content"].(type) {
	case string:
		return c
	case nil:
		return ""
	default:
		raw, _ := json.Marshal(c)
		return string(raw)
	}
}

// lastResults decodes the tool_result blocks of a history's last message.
func lastResults(t testing.TB, msgs []client.MessageParam) []map[string]any {
	t.Helper()
	raw, err := json.Marshal(msgs[len(msgs)-1])
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Role    string           `json:"role"`
		Content []map[string]any `json:"content"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.Role != "user" {
		t.Fatalf("history ends with a %s turn, want the user's tool results", m.Role)
	}
	return m.Content
}

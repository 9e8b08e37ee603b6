package agenttest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/claudego/claude/client"
)

// Server answers POST /v1/messages with scripted replies in order: each a
// message JSON (sent as JSON, or as the API's SSE events when the request
// streams) or a recorded SSE body (starting with "event:"). Past the
// script it answers 500 api_error. It keeps every request body.
type Server struct {
	mu      sync.Mutex
	replies []string
	reqs    [][]byte
	cycle   bool
	srv     *httptest.Server
	tr      *http.Transport
}

// Cycle makes the script repeat (reply n is replies[n mod len]) and stops
// keeping request bodies, for benchmarks.
func (s *Server) Cycle() *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cycle = true
	return s
}

// NewServer starts a server; Close stops it.
func NewServer(replies ...string) *Server {
	s := &Server{replies: replies, tr: &http.Transport{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Setup starts a server closed with the test and a client sending to it.
func Setup(t testing.TB, replies ...string) (*client.Client, *Server) {
	t.Helper()
	s := NewServer(replies...)
	t.Cleanup(s.Close)
	return s.Client(), s
}

// Client returns a client sending to the server with a test key, over a
// transport whose connections Close also closes (so goleak sees none).
func (s *Server) Client() *client.Client {
	c, err := client.New(client.WithAPIKey("sk-ant-test-agent"), client.WithBaseURL(s.srv.URL),
		client.WithHTTPClient(&http.Client{Transport: s.tr}))
	if err != nil {
		panic(err) // only a bug here: the options are constants
	}
	return c
}

// URL is the server's base URL.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server and closes the clients' idle connections.
func (s *Server) Close() {
	s.srv.Close()
	s.tr.CloseIdleConnections()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.reqs)
	var reply string
	switch {
	case s.cycle && len(s.replies) > 0:
		reply = s.replies[n%len(s.replies)]
		s.reqs = append(s.reqs, nil)
	case n < len(s.replies):
		reply = s.replies[n]
		s.reqs = append(s.reqs, body)
	default:
		s.reqs = append(s.reqs, body)
	}
	s.mu.Unlock()
	w.Header().Set("request-id", fmt.Sprintf("req_%d", n))
	if reply == "" {
		w.Header().Set("content-type", "application/json")
		w.WriteHeader(500)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"no scripted reply"}}`)
		return
	}
	if strings.HasPrefix(reply, "event:") {
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
		_, _ = io.WriteString(w, ToSSE(reply))
		return
	}
	w.Header().Set("content-type", "application/json")
	_, _ = io.WriteString(w, reply)
}

// Count is the number of requests received.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

// Request returns request i decoded as generic JSON.
func (s *Server) Request(i int) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i >= len(s.reqs) {
		return nil, fmt.Errorf("request %d was not sent (%d sent)", i, len(s.reqs))
	}
	var m map[string]any
	err := json.Unmarshal(s.reqs[i], &m)
	return m, err
}

// Msg is a reply message JSON with the stop reason and blocks, and a usage
// of 10 input and 5 output tokens.
func Msg(stop string, blocks ...string) string { return MsgUsage(stop, 10, 5, blocks...) }

// MsgUsage is Msg with the given usage.
func MsgUsage(stop string, in, out int, blocks ...string) string {
	return fmt.Sprintf(`{"id":"msg_x","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[%s],"stop_reason":%q,"stop_sequence":null,"usage":{"input_tokens":%d,"output_tokens":%d}}`,
		strings.Join(blocks, ","), stop, in, out)
}

// Text is a text block.
func Text(s string) string {
	b, _ := json.Marshal(s)
	return `{"type":"text","text":` + string(b) + `}`
}

// ToolUse is a tool_use block; input is JSON.
func ToolUse(id, name, input string) string {
	return fmt.Sprintf(`{"type":"tool_use","id":%q,"name":%q,"input":%s,"caller":{"type":"direct"}}`, id, name, input)
}

// ToSSE turns a message JSON into the API's event sequence: text in one
// delta, tool input in two halves (so partial input is seen).
func ToSSE(message string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(message), &m); err != nil {
		panic("agenttest: ToSSE: " + err.Error())
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
	ev("message_delta", map[string]any{"type": "message_delta", "delta": map[string]any{"stop_reason": m["stop_reason"], "stop_sequence": nil}, "usage": m["usage"]})
	ev("message_stop", map[string]any{"type": "message_stop"})
	return b.String()
}

// ToolResults returns the tool_result blocks of request i's last message.
func (s *Server) ToolResults(i int) ([]map[string]any, error) {
	req, err := s.Request(i)
	if err != nil {
		return nil, err
	}
	msgs, _ := req["messages"].([]any)
	if len(msgs) == 0 {
		return nil, fmt.Errorf("request %d has no messages", i)
	}
	last, _ := msgs[len(msgs)-1].(map[string]any)
	var out []map[string]any
	content, _ := last["content"].([]any)
	for _, c := range content {
		if b, ok := c.(map[string]any); ok && b["type"] == "tool_result" {
			out = append(out, b)
		}
	}
	return out, nil
}

// ResultText is a tool_result's content as text (blocks as their JSON).
func ResultText(b map[string]any) string {
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

package emulator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sseEv is one event as a plain SSE reader sees it.
type sseEv struct {
	name string
	data string
}

// readSSE parses a text/event-stream body the simple way: "event:" and
// "data:" lines, a blank line ending each event.
func readSSE(t *testing.T, body []byte) []sseEv {
	t.Helper()
	var evs []sseEv
	var cur sseEv
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if cur.name != "" || cur.data != "" {
				evs = append(evs, cur)
			}
			cur = sseEv{}
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.data += strings.TrimPrefix(line, "data: ")
		default:
			t.Fatalf("unexpected SSE line %q", line)
		}
	}
	if cur.name != "" {
		t.Fatalf("stream ends inside event %q (no blank line)", cur.name)
	}
	return evs
}

// names collapses runs of content_block_delta so sequences compare by shape.
func names(evs []sseEv) []string {
	var out []string
	for _, e := range evs {
		if len(out) > 0 && out[len(out)-1] == e.name && e.name == "content_block_delta" {
			continue
		}
		out = append(out, e.name)
	}
	return out
}

func streamBody(extra string) string {
	return `{"model":"claude-haiku-4-5","max_tokens":512,"stream":true,` + extra + `"messages":[{"role":"user","content":"Say hello"}]}`
}

func TestStreamMatchesRecordedFormat(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, body := call(t, srv, "POST", "/v1/messages", streamBody(""))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	evs := readSSE(t, body)
	want := "message_start content_block_start ping content_block_delta content_block_stop message_delta message_stop"
	if got := strings.Join(names(evs), " "); got != want {
		t.Fatalf("events = %s\nwant     %s", got, want)
	}
	var text strings.Builder
	for _, e := range evs {
		var v struct {
			Type  string `json:"type"`
			Delta struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"delta"`
			Usage struct {
				OutputTokens int `json:"output_tokens"`
			} `json:"usage"`
		}
		if err := json.Unmarshal([]byte(e.data), &v); err != nil {
			t.Fatalf("event %s: data %q: %v", e.name, e.data, err)
		}
		if v.Type != e.name {
			t.Fatalf("event %s has data type %q", e.name, v.Type)
		}
		if v.Delta.Type == "text_delta" {
			text.WriteString(v.Delta.Text)
		}
		if e.name == "message_delta" && v.Usage.OutputTokens == 0 {
			t.Fatal("message_delta without output_tokens")
		}
	}
	_, plain := call(t, srv, "POST", "/v1/messages", strings.Replace(streamBody(""), `"stream":true,`, "", 1))
	var msg struct {
		Content []struct {
			Text string `json:"text"`
		} `json:"content"`
	}
	if err := json.Unmarshal(plain, &msg); err != nil || len(msg.Content) != 1 || msg.Content[0].Text != text.String() {
		t.Fatalf("streamed text %q, non-streamed %s", text.String(), plain)
	}

	// The same padding as the recorded stream-text case, event by event.
	dir := FindRecordedDir(".")
	if dir == "" {
		t.Fatal("testdata/recorded not found above the package directory")
	}
	rec, err := os.ReadFile(filepath.Join(dir, "stream-text", "body.sse"))
	if err != nil {
		t.Fatal(err)
	}
	pad := func(data string) int {
		return len(data) - len(strings.TrimRight(strings.TrimSuffix(data, "}"), " ")) - 1
	}
	recPad := map[string]int{}
	for _, e := range readSSE(t, rec) {
		recPad[e.name] = pad(e.data)
	}
	for _, e := range evs {
		if e.name == "ping" {
			if e.data != `{"type": "ping"}` {
				t.Errorf("ping data %q", e.data)
			}
			continue
		}
		if got, want := pad(e.data), recPad[e.name]; got != want {
			t.Errorf("%s padding %d, recorded %d", e.name, got, want)
		}
	}
}

func TestStreamToolUse(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	tools := `"tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","unit"]}}],`
	body := `{"model":"claude-haiku-4-5","max_tokens":512,"stream":true,` + tools +
		`"messages":[{"role":"user","content":"What is the weather? Use get_weather."}]}`
	_, raw := call(t, srv, "POST", "/v1/messages", body)
	evs := readSSE(t, raw)
	want := "message_start content_block_start ping content_block_delta content_block_stop content_block_start content_block_delta content_block_stop message_delta message_stop"
	if got := strings.Join(names(evs), " "); got != want {
		t.Fatalf("events = %s", got)
	}
	var partial strings.Builder
	var pieces int
	var toolID string
	for _, e := range evs {
		var v struct {
			ContentBlock struct {
				Type string `json:"type"`
				ID   string `json:"id"`
			} `json:"content_block"`
			Delta struct {
				Type        string `json:"type"`
				PartialJSON string `json:"partial_json"`
				StopReason  string `json:"stop_reason"`
			} `json:"delta"`
		}
		_ = json.Unmarshal([]byte(e.data), &v)
		if v.ContentBlock.Type == "tool_use" {
			toolID = v.ContentBlock.ID
		}
		if v.Delta.Type == "input_json_delta" {
			partial.WriteString(v.Delta.PartialJSON)
			pieces++
		}
		if e.name == "message_delta" && v.Delta.StopReason != "tool_use" {
			t.Fatalf("stop_reason = %q", v.Delta.StopReason)
		}
	}
	if partial.String() != `{"city":"emulated-city","unit":"celsius"}` || pieces < 3 || !strings.HasPrefix(toolID, "toolu_emu_") {
		t.Fatalf("tool input %q in %d pieces, id %q", partial.String(), pieces, toolID)
	}

	// Sending the result back ends the turn with text about it.
	follow := `{"model":"claude-haiku-4-5","max_tokens":512,` + tools + `"messages":[` +
		`{"role":"user","content":"Use get_weather."},` +
		`{"role":"assistant","content":[{"type":"tool_use","id":"` + toolID + `","name":"get_weather","input":{"city":"Paris","unit":"celsius"}}]},` +
		`{"role":"user","content":[{"type":"tool_result","tool_use_id":"` + toolID + `","content":"18 degrees"}]}]}`
	resp, out := call(t, srv, "POST", "/v1/messages", follow)
	if resp.StatusCode != 200 || !strings.Contains(string(out), `"The get_weather tool returned: 18 degrees"`) || !strings.Contains(string(out), `"stop_reason":"end_turn"`) {
		t.Fatalf("%d %s", resp.StatusCode, out)
	}
}

func TestToolChoiceForcesTool(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	body := `{"model":"claude-haiku-4-5","max_tokens":512,"tool_choice":{"type":"tool","name":"b"},` +
		`"tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"b","input_schema":{"type":"object","properties":{"n":{"type":"integer"}}}}],` +
		`"messages":[{"role":"user","content":"anything"}]}`
	_, out := call(t, srv, "POST", "/v1/messages", body)
	var msg struct {
		Content []struct {
			Type  string          `json:"type"`
			Name  string          `json:"name"`
			Input json.RawMessage `json:"input"`
		} `json:"content"`
		StopReason string `json:"stop_reason"`
	}
	if err := json.Unmarshal(out, &msg); err != nil {
		t.Fatal(err)
	}
	if len(msg.Content) != 1 || msg.Content[0].Type != "tool_use" || msg.Content[0].Name != "b" || string(msg.Content[0].Input) != `{"n":1}` || msg.StopReason != "tool_use" {
		t.Fatalf("%s", out)
	}
}

func TestStopSequenceAndMaxTokens(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	_, out := call(t, srv, "POST", "/v1/messages", `{"model":"claude-haiku-4-5","max_tokens":100,"stop_sequences":["welcome"],"messages":[{"role":"user","content":"hello"}]}`)
	if !strings.Contains(string(out), `"text":"Hello, and "`) || !strings.Contains(string(out), `"stop_reason":"stop_sequence","stop_sequence":"welcome"`) {
		t.Fatalf("stop sequence: %s", out)
	}
	_, out = call(t, srv, "POST", "/v1/messages", `{"model":"claude-haiku-4-5","max_tokens":2,"messages":[{"role":"user","content":"hello"}]}`)
	if !strings.Contains(string(out), `"text":"Hello, a"`) || !strings.Contains(string(out), `"stop_reason":"max_tokens"`) || !strings.Contains(string(out), `"output_tokens":2`) {
		t.Fatalf("max_tokens: %s", out)
	}
}

func TestThinkingStream(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	_, raw := call(t, srv, "POST", "/v1/messages", streamBody(`"thinking":{"type":"enabled","budget_tokens":1024},`))
	data := string(raw)
	for _, want := range []string{`"content_block":{"type":"thinking","thinking":"","signature":""}`, `"type":"thinking_delta"`, `"type":"signature_delta"`, `"index":1,"content_block":{"type":"text"`} {
		if !strings.Contains(data, want) {
			t.Fatalf("missing %s in\n%s", want, data)
		}
	}
}

func TestCustomResponder(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{Responder: func(r *Request) Reply {
		return Reply{Text: "model=" + r.Model + " system=" + r.System + " last=" + r.LastUserText()}
	}})
	_, out := call(t, srv, "POST", "/v1/messages", `{"model":"claude-haiku-4-5","max_tokens":100,"system":[{"type":"text","text":"sys"}],"messages":[{"role":"user","content":[{"type":"text","text":"q"}]}]}`)
	if !strings.Contains(string(out), `"text":"model=claude-haiku-4-5 system=sys last=q"`) {
		t.Fatalf("%s", out)
	}
}

func TestChunkHelpers(t *testing.T) {
	t.Parallel()
	s := "one two three four five six seven"
	if got := strings.Join(chunkWords(s), ""); got != s {
		t.Fatalf("chunkWords loses bytes: %q", got)
	}
	u := `{"k":"ééééééééé"}`
	for _, p := range chunkBytes(u, 5) {
		if !strings.HasPrefix(p, "{") && len(p) > 0 && p[0]&0xC0 == 0x80 {
			t.Fatalf("chunk %q starts inside a UTF-8 sequence", p)
		}
	}
	if strings.Join(chunkBytes(u, 5), "") != u {
		t.Fatal("chunkBytes loses bytes")
	}
}

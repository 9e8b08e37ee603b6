package streaming_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/internal/types"
	"github.com/claudego/claude/streaming"
)

// result is what one run over a body produced, in comparable form.
type result struct {
	types   []string
	message string
	err     error
}

func run(t *testing.T, body []byte, header map[string]string, c chunker) result {
	t.Helper()
	s := open(t, sseServer(t, body, header, c), streaming.Config{})
	var r result
	r.types = drain(s)
	r.err = s.Err()
	r.message = mustJSON(t, s.Message())
	return r
}

// TestRecordedStreams: every recorded stream accumulates to a message, and
// the same bytes delivered whole, one byte per flush or in random chunks
// give the same events and the same message.
func TestRecordedStreams(t *testing.T) {
	for _, rc := range loadStreams(t) {
		for i, body := range splitMessages(rc.body) {
			name := rc.name
			if i > 0 {
				name = fmt.Sprintf("%s/%d", rc.name, i)
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				want := run(t, body, rc.header, whole())
				if rc.name == "stream-error-event-overloaded" {
					if !errors.Is(want.err, apierror.ErrOverloaded) {
						t.Fatalf("err = %v, want overloaded", want.err)
					}
				} else if want.err != nil {
					t.Fatalf("err = %v", want.err)
				} else {
					checkMessage(t, body, want)
				}
				for _, c := range []struct {
					name string
					c    chunker
				}{{"1-byte", fixed(1)}, {"random", random(int64(i + 1))}} {
					got := run(t, body, rc.header, c.c)
					if !reflect.DeepEqual(got.types, want.types) || got.message != want.message || fmt.Sprint(got.err) != fmt.Sprint(want.err) {
						t.Errorf("%s chunks differ:\n got %v %v\n%s\nwant %v %v\n%s", c.name, got.types, got.err, got.message, want.types, want.err, want.message)
					}
				}
			})
		}
	}
}

// checkMessage compares the accumulated message with the events by hand: one
// block per content_block_start, of its type, the final stop_reason and the
// output token count of the last message_delta.
func checkMessage(t *testing.T, body []byte, r result) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.message), &m); err != nil {
		t.Fatal(err)
	}
	var starts []string
	var stop any
	var outTokens any
	for _, line := range strings.Split(string(body), "\n") {
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		var ev map[string]any
		if err := json.Unmarshal([]byte(data), &ev); err != nil {
			t.Fatal(err)
		}
		switch ev["type"] {
		case "message_start":
			msg := ev["message"].(map[string]any)
			for _, c := range msg["content"].([]any) {
				starts = append(starts, c.(map[string]any)["type"].(string))
			}
			stop = msg["stop_reason"]
			outTokens = msg["usage"].(map[string]any)["output_tokens"]
		case "content_block_start":
			starts = append(starts, ev["content_block"].(map[string]any)["type"].(string))
		case "message_delta":
			stop = ev["delta"].(map[string]any)["stop_reason"]
			outTokens = ev["usage"].(map[string]any)["output_tokens"]
		}
	}
	content := m["content"].([]any)
	if len(content) != len(starts) {
		t.Fatalf("%d blocks, want %d", len(content), len(starts))
	}
	for i, c := range content {
		if typ := c.(map[string]any)["type"]; typ != starts[i] {
			t.Errorf("block %d type %v, want %v", i, typ, starts[i])
		}
	}
	if m["stop_reason"] != stop {
		t.Errorf("stop_reason %v, want %v", m["stop_reason"], stop)
	}
	if got := m["usage"].(map[string]any)["output_tokens"]; got != outTokens {
		t.Errorf("output_tokens %v, want %v", got, outTokens)
	}
	if m["id"] == "" || m["model"] == "" {
		t.Errorf("no id or model: %s", r.message)
	}
}

// TestRecordedTwins compares the shape of each accumulated stream with the
// non-streamed recording of the same feature (msg-<name>): the same
// top-level fields, and for each block type both contain, the same fields.
// The recordings are different requests, so values are not compared.
func TestRecordedTwins(t *testing.T) {
	twins := map[string]string{"stream-text": "msg-text-basic", "stream-citations": "msg-citations-text-document"}
	n := 0
	for _, rc := range loadStreams(t) {
		twin := twins[rc.name]
		if twin == "" {
			twin = "msg-" + strings.TrimPrefix(rc.name, "stream-")
		}
		raw, err := os.ReadFile(filepath.Join(recorded, twin, "body.json"))
		if err != nil {
			continue
		}
		n++
		t.Run(rc.name, func(t *testing.T) {
			body := splitMessages(rc.body)[0]
			r := run(t, body, rc.header, whole())
			if r.err != nil {
				t.Fatal(r.err)
			}
			var got, want map[string]any
			_ = json.Unmarshal([]byte(r.message), &got)
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			// Fields the API sends only in one mode, or that newer
			// recordings added, are compared only when both have them.
			if missing := missingKeys(want, got); len(missing) > 0 {
				t.Errorf("accumulated message lacks %v (has %v)", missing, keys(got))
			}
			wb, gb := blockKeys(want), blockKeys(got)
			for typ, wk := range wb {
				gk, ok := gb[typ]
				if !ok {
					continue
				}
				if missing := missingKeys(wk, gk); len(missing) > 0 {
					t.Errorf("%s blocks lack %v: got %v, want %v", typ, missing, keys(gk), keys(wk))
				}
			}
			// The message decodes as the same Go type Create returns.
			var m types.Message
			if err := json.Unmarshal([]byte(r.message), &m); err != nil {
				t.Fatal(err)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d twins found", n)
	}
}

// blockKeys returns, per block type, the union of the fields of its blocks.
func blockKeys(m map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	content, _ := m["content"].([]any)
	for _, c := range content {
		b := c.(map[string]any)
		typ := b["type"].(string)
		if out[typ] == nil {
			out[typ] = map[string]any{}
		}
		for k, v := range b {
			out[typ][k] = v
		}
	}
	return out
}

// missingKeys lists keys of want absent from got, ignoring those that vary
// between recordings of different dates.
func missingKeys(want, got map[string]any) []string {
	optional := map[string]bool{"stop_details": true, "container": true, "context_management": true, "caller": true, "citations": true}
	var out []string
	for k := range want {
		if _, ok := got[k]; !ok && !optional[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestEventValue: every event decodes into its generated type; ping never
// surfaces; an unknown event type comes back raw.
func TestEventValue(t *testing.T) {
	t.Parallel()
	body := sse(
		"message_start", `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}`,
		"ping", `{"type": "ping"}`,
		"content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`,
		"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi \"you\""}    }`,
		"future_event", `{"type":"future_event","x":1}`,
		"content_block_stop", `{"type":"content_block_stop","index":0    }`,
		"message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}`,
		"message_stop", `{"type":"message_stop"}`,
	)
	s := streamBody(t, body, streaming.Config{})
	var got []string
	for ev, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		switch v := ev.Value().(type) {
		case *gen.MessageStartEvent:
			got = append(got, "start:"+v.Message.ID)
		case *gen.ContentBlockStartEvent:
			got = append(got, fmt.Sprint("block:", v.Index))
		case *gen.ContentBlockDeltaEvent:
			d, _ := v.Delta.AsTextDelta()
			txt, _ := ev.TextDelta()
			i, _ := ev.Index()
			got = append(got, fmt.Sprint("delta:", v.Index, d.Text, "|", txt, "|", i))
		case *gen.ContentBlockStopEvent:
			got = append(got, fmt.Sprint("stop:", v.Index))
		case *gen.MessageDeltaEvent:
			got = append(got, fmt.Sprint("mdelta:", v.Usage.OutputTokens))
		case *gen.MessageStopEvent:
			got = append(got, "mstop")
		case types.UnknownBlock:
			got = append(got, "unknown:"+v.Type+string(v.Raw))
		default:
			t.Fatalf("unexpected %T", v)
		}
	}
	want := []string{"start:msg_1", "block:0", `delta:0Hi "you"|Hi "you"|0`, `unknown:future_event{"type":"future_event","x":1}`, "stop:0", "mdelta:5", "mstop"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	m := s.Message()
	if m.Incomplete || m.Text() != `Hi "you"` || m.Usage.OutputTokens != 5 || m.Usage.InputTokens != 3 {
		t.Fatalf("message %+v", m)
	}
}

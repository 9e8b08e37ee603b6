package spec

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func recorded(t *testing.T, parts ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "..", "..", "testdata", "recorded"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func jsonHeader() http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return h
}

// want asserts that fs holds a finding of kind k at where+pointer with rule.
func want(t *testing.T, fs Findings, k Kind, where, ptr, rule string) {
	t.Helper()
	for _, f := range fs {
		if f.Kind == k && f.Where == where && f.Pointer == ptr && f.Rule == rule {
			return
		}
	}
	t.Errorf("no %s finding %s %s rule %s in:\n%v", k, where, ptr, rule, fs)
}

func TestResponseFindings(t *testing.T) {
	s := load(t)
	base := string(recorded(t, "msg-text-basic", "body.json"))
	cases := []struct {
		name, from, to string
		kind           Kind
		ptr, rule      string
	}{
		{"unknown property", `"text":"2 + 2 = 4"`, `"text":"2 + 2 = 4","sparkle":1`, Drift, "/content/0/sparkle", RuleUnknownProperty},
		{"unknown nested property", `"ephemeral_1h_input_tokens":0`, `"ephemeral_1h_input_tokens":0,"ephemeral_1d_input_tokens":0`, Drift, "/usage/cache_creation/ephemeral_1d_input_tokens", RuleUnknownProperty},
		{"unknown enum value", `"stop_reason":"end_turn"`, `"stop_reason":"daydreaming"`, Drift, "/stop_reason", RuleUnknownEnum},
		{"unknown block type", `{"type":"text","text":"2 + 2 = 4"}`, `{"type":"hologram","text":"2 + 2 = 4"}`, Drift, "/content/0", RuleUnknownVariant},
		{"missing required field", `"id":"msg_011CeCGmD8uwD58unxgBN8Qx",`, ``, Invalid, "/id", "required"},
		{"missing required in block", `{"type":"text","text":"2 + 2 = 4"}`, `{"type":"text"}`, Invalid, "/content/0/text", "required"},
		{"wrong type", `"output_tokens":13`, `"output_tokens":"13"`, Invalid, "/usage/output_tokens", "type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(base, c.from) {
				t.Fatalf("fixture lacks %s", c.from)
			}
			body := strings.Replace(base, c.from, c.to, 1)
			fs := s.ValidateResponse("POST", "/v1/messages", 200, jsonHeader(), []byte(body))
			want(t, fs, c.kind, "response", c.ptr, c.rule)
			if c.kind == Drift && len(fs.Invalid()) > 0 {
				t.Errorf("drift case also reported invalid: %v", fs.Invalid())
			}
		})
	}
}

func TestSSEFindings(t *testing.T) {
	s := load(t)
	base := string(recorded(t, "stream-text", "body.sse"))
	h := http.Header{}
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	if fs := s.ValidateResponse("POST", "/v1/messages", 200, h, []byte(base)); len(fs) != 0 {
		t.Fatalf("recorded stream not clean: %v", fs)
	}
	events, err := ParseSSE([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	idx := -1
	for i, ev := range events {
		if ev.Name == "content_block_delta" {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatal("no content_block_delta in stream-text")
	}
	t.Run("wrong type", func(t *testing.T) {
		broken := strings.Replace(base, `"type":"content_block_delta","index":0`, `"type":"content_block_delta","index":"zero"`, 1)
		if broken == base {
			t.Fatal("fixture shape changed")
		}
		fs := s.ValidateResponse("POST", "/v1/messages", 200, h, []byte(broken))
		want(t, fs, Invalid, "event["+strconv.Itoa(idx)+"]", "/index", "type")
	})
	t.Run("unknown delta property", func(t *testing.T) {
		broken := strings.Replace(base, `"delta":{"type":"text_delta",`, `"delta":{"type":"text_delta","glow":true,`, 1)
		if broken == base {
			t.Fatal("fixture shape changed")
		}
		fs := s.ValidateSSE([]byte(broken))
		want(t, fs, Drift, "event["+strconv.Itoa(idx)+"]", "/delta/glow", RuleUnknownProperty)
	})
	t.Run("unknown event type", func(t *testing.T) {
		broken := base + "event: future_event\ndata: {\"type\":\"future_event\"}\n\n"
		fs := s.ValidateSSE([]byte(broken))
		want(t, fs, Drift, "event["+strconv.Itoa(len(events))+"]", "", RuleUnknownVariant)
		if len(fs.Invalid()) > 0 {
			t.Errorf("unknown event type reported invalid: %v", fs.Invalid())
		}
	})
	t.Run("event name mismatch", func(t *testing.T) {
		broken := strings.Replace(base, "event: content_block_delta", "event: content_block_stop", 1)
		fs := s.ValidateSSE([]byte(broken))
		want(t, fs, Invalid, "event["+strconv.Itoa(idx)+"]", "/type", RuleEventName)
	})
}

func TestJSONLFindings(t *testing.T) {
	s := load(t)
	base := string(recorded(t, "batch-results", "body.jsonl"))
	if fs := s.ValidateJSONL("MessageBatchIndividualResponse", []byte(base)); len(fs) != 0 {
		t.Fatalf("recorded results not clean: %v", fs)
	}
	broken := strings.Replace(base, `"type":"succeeded"`, `"type":"succeeded","bonus":1`, 1)
	want(t, s.ValidateJSONL("MessageBatchIndividualResponse", []byte(broken)), Drift, "line[0]", "/result/bonus", RuleUnknownProperty)
	broken = strings.Replace(base, `"custom_id":"0",`, ``, 1)
	want(t, s.ValidateJSONL("MessageBatchIndividualResponse", []byte(broken)), Invalid, "line[0]", "/custom_id", "required")
}

func TestRequestFindings(t *testing.T) {
	s := load(t)
	base := string(recorded(t, "msg-text-basic", "request.json"))
	if fs := s.ValidateRequest("POST", "/v1/messages", []byte(base)); len(fs) != 0 {
		t.Fatalf("recorded request not clean: %v", fs)
	}
	broken := strings.Replace(base, `"stream": false`, `"stream": false, "turbo": true`, 1)
	want(t, s.ValidateRequest("POST", "/v1/messages", []byte(broken)), Drift, "request", "/turbo", RuleUnknownProperty)
	broken = strings.Replace(base, `"role": "user"`, `"role": "narrator"`, 1)
	want(t, s.ValidateRequest("POST", "/v1/messages", []byte(broken)), Drift, "request", "/messages/0/role", RuleUnknownEnum)
	broken = strings.Replace(base, `"max_tokens": 64000`, `"max_tokens": "lots"`, 1)
	want(t, s.ValidateRequest("POST", "/v1/messages", []byte(broken)), Invalid, "request", "/max_tokens", "type")
}

func TestStatusAndHeaders(t *testing.T) {
	s := load(t)
	body := recorded(t, "error-529-overloaded", "body.json")
	if fs := s.ValidateResponse("POST", "/v1/messages", 529, jsonHeader(), body); len(fs) != 0 {
		t.Errorf("529 error body: %v", fs)
	}
	h := http.Header{}
	h.Set("Content-Type", "text/plain")
	fs := s.ValidateResponse("GET", "/v1/models", 200, h, []byte("hello"))
	want(t, fs, Invalid, "response", "", RuleContentType)
	fs = s.ValidateResponse("GET", "/v1/nowhere", 200, jsonHeader(), []byte("{}"))
	want(t, fs, Invalid, "response", "", RuleOperation)
}

func TestFindOperation(t *testing.T) {
	s := load(t)
	for _, c := range []struct{ method, path, want string }{
		{"GET", "/v1/messages/batches/{id}", "/v1/messages/batches/{message_batch_id}"},
		{"GET", "/v1/messages/batches", "/v1/messages/batches"},
		{"POST", "/v1/messages/count_tokens", "/v1/messages/count_tokens"},
		{"GET", "/v1/models/claude-haiku-4-5", "/v1/models/{model_id}"},
		{"GET", "/v1/files/file_1/content?x=1", "/v1/files/{file_id}/content"},
	} {
		op, err := s.FindOperation(c.method, c.path)
		if err != nil {
			t.Errorf("%s %s: %v", c.method, c.path, err)
			continue
		}
		if op.Path != c.want {
			t.Errorf("%s %s matched %s, want %s", c.method, c.path, op.Path, c.want)
		}
	}
}

// A file download is bytes: its body is never read as JSON Lines.
func TestBinaryBodyNotJSONL(t *testing.T) {
	s := load(t)
	h := http.Header{}
	h.Set("Content-Type", "application/octet-stream")
	if fs := s.ValidateResponse("GET", "/v1/files/{file_id}/content", 200, h, []byte("a,b\n1,2\n")); len(fs) != 0 {
		t.Fatalf("binary body: %v", fs)
	}
}

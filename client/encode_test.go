package client

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
)

// TestSplicedEncodingMatchesEncodingJSON: for every recorded request, and for
// requests built to confuse the splice (the key "messages":null inside
// strings and nested objects), the spliced encoding is valid JSON equal to
// what encoding/json produces.
func TestSplicedEncodingMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "recorded", "*", "request.json"))
	if len(paths) < 20 {
		t.Fatalf("found %d recorded requests", len(paths))
	}
	var reqs []MessageRequest
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r MessageRequest
		if err := json.Unmarshal(raw, &r); err != nil {
			if strings.Contains(p, "error-400") {
				continue // recorded invalid requests need not fit the type
			}
			t.Fatalf("%s: %v", p, err)
		}
		reqs = append(reqs, r)
	}
	tricky := MessageRequest{
		Model:     `m","messages":null,"x":"<&>`,
		MaxTokens: 5,
		System:    SystemText(`{"messages":null} <b>&</b>`),
		Messages:  []MessageParam{UserText(`"content":null`), AssistantText("ok")},
		Metadata:  gen.Metadata{UserID: `"messages":null`},
	}
	tool, err := NewTool("t", "d", `{"type":"object","properties":{"messages":null,"content":null}}`)
	if err != nil {
		t.Fatal(err)
	}
	tricky.Tools = []ToolUnion{tool}
	reqs = append(reqs, tricky, MessageRequest{Model: "m", MaxTokens: 1})
	for i, r := range reqs {
		got, err := encodeMessageRequest(&r)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		gotBytes, _ := io.ReadAll(got)
		want, err := json.Marshal(&r)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(gotBytes) {
			t.Fatalf("request %d: invalid JSON %s", i, gotBytes)
		}
		var g, w any
		_ = json.Unmarshal(gotBytes, &g)
		_ = json.Unmarshal(want, &w)
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("request %d: spliced\n%s\nencoding/json\n%s", i, gotBytes, want)
		}
	}
	if !strings.Contains(string(mustRead(t, &tricky)), `"x\":\"<&>"`) {
		t.Fatal("HTML characters were escaped")
	}
}

func mustRead(t *testing.T, r *MessageRequest) []byte {
	t.Helper()
	rd, err := encodeMessageRequest(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rd)
	return b
}

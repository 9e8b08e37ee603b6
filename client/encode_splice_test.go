package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claudego/claude/gen"
)

// bulkText is a text block big enough that a request carrying it takes the
// splice path (spliceThreshold), with characters encoding/json would escape
// for HTML, so the test also pins that none are.
var bulkText = strings.Repeat("<&> bulk \u00e9 ", spliceThreshold/12+1)

// rawContent is message content whose JSON is raw as given, the way
// UnmarshalJSON or a caller-built union holds it, with no validation.
func rawContent(t testing.TB, raw string) gen.MessageContent {
	t.Helper()
	var c gen.MessageContent
	if err := c.UnmarshalJSON([]byte(raw)); err != nil {
		t.Fatal(err)
	}
	return c
}

// spliceRequest is a request whose last message content is raw and whose
// first message carries bulkText, so the splice path is always taken.
func spliceRequest(t testing.TB, raw string) *MessageRequest {
	return &MessageRequest{
		Model:     "claude-haiku-4-5",
		MaxTokens: 16,
		Messages: []MessageParam{
			UserText(bulkText),
			{Role: gen.MessageParamRoleAssistant, Content: rawContent(t, raw)},
		},
	}
}

// assertSameAsEncodingJSON is the differential check: the spliced body is
// byte-for-byte what encoding/json (HTML escaping off) writes for the whole
// request, and both fail together.
func assertSameAsEncodingJSON(t *testing.T, r *MessageRequest, threshold int) {
	t.Helper()
	want, wantErr := marshalNoEscape(r)
	rd, err := spliceMessageRequest(r, threshold)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("splice error %v, encoding/json error %v", err, wantErr)
	}
	if err != nil {
		return
	}
	got, _ := io.ReadAll(rd)
	if !json.Valid(got) {
		t.Fatalf("spliced body is invalid JSON (%d bytes)", len(got))
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("spliced body differs from encoding/json at byte %d of %d/%d:\n%.80q\n%.80q", i, len(got), len(want), got[i:], want[i:])
	}
}

// TestSpliceRejectsInvalidContent: content JSON that is not valid (held raw
// by the generated union, so nothing checked it) is an error naming the
// message and the byte offset, never a request body sent as invalid JSON.
func TestSpliceRejectsInvalidContent(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		`"unterminated`,
		`[{"type":"text","text":"a"}`,
		`[{"type":"text","text":"a"}]]`,
		`[{"type":"text","text":"a	raw tab"}]`,
		`{"type":`,
		`nul`,
		`[1,]`,
	} {
		r := spliceRequest(t, raw)
		_, err := encodeMessageRequest(r)
		if err == nil {
			t.Errorf("content %q: no error, the body would be invalid JSON", raw)
			continue
		}
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "messages[1].content" || !errors.Is(err, ErrValidation) {
			t.Errorf("content %q: error %v, want a *ValidationError for messages[1].content", raw, err)
		}
		if !strings.Contains(err.Error(), "byte offset") {
			t.Errorf("content %q: error %q does not name the byte offset", raw, err)
		}
	}
}

// TestSpliceMatchesEncodingJSONForBulk: requests at and above the splice
// threshold (every recorded request with a bulk message added, content with
// insignificant whitespace, escapes and HTML characters) encode to exactly the
// bytes encoding/json writes.
func TestSpliceMatchesEncodingJSONForBulk(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "recorded", "*", "request.json"))
	if len(paths) < 20 {
		t.Fatalf("found %d recorded requests", len(paths))
	}
	n := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r MessageRequest
		if json.Unmarshal(raw, &r) != nil || len(r.Messages) == 0 {
			continue // recorded invalid requests need not fit the type
		}
		r.Messages = append([]MessageParam{UserText(bulkText)}, r.Messages...)
		assertSameAsEncodingJSON(t, &r, spliceThreshold)
		n++
	}
	if n < 20 {
		t.Fatalf("checked %d recorded requests", n)
	}
	for _, raw := range []string{
		` [ {"type" : "text", "text" : "spaced"} ] `,
		"[\n\t{\"type\":\"text\",\"text\":\"<b>&amp;</b> \\u003c \\\" \\\\\"}\r\n]",
		`"plain \u2028 text"`,
		`null`,
		`[{"type":"text","text":"","x":{"messages":null,"content":null}}]`,
	} {
		assertSameAsEncodingJSON(t, spliceRequest(t, raw), spliceThreshold)
	}
}

// FuzzSpliceEncoding: for any content bytes, the spliced encoding and
// encoding/json agree, on the bytes and on failing. The splice is forced
// from 0 bytes (the bulk tests above take it at the real threshold), so each
// input costs a small request, not 64 KiB.
func FuzzSpliceEncoding(f *testing.F) {
	for _, s := range []string{`"a"`, `[{"type":"text","text":"x"}]`, ` [ ] `, `"\ud800"`, "\"\xff\"", `[1,]`, `{`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := &MessageRequest{
			Model:     "claude-haiku-4-5",
			MaxTokens: 16,
			Messages: []MessageParam{
				UserText("<b>hi</b>"),
				{Role: gen.MessageParamRoleAssistant, Content: rawContent(t, raw)},
			},
		}
		assertSameAsEncodingJSON(t, r, 0)
	})
}

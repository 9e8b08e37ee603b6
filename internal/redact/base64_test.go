package redact_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claudego/claude/internal/redact"
)

func TestBase64(t *testing.T) {
	in := map[string]any{
		"type":   "image",
		"source": map[string]any{"type": "base64", "media_type": "image/png", "data": "aGVsbG8="},
		"list":   []any{map[string]any{"type": "base64", "data": "QQ=="}, "keep"},
		"odd":    map[string]any{"type": "base64", "data": 5},
	}
	want := map[string]any{
		"type":   "image",
		"source": map[string]any{"type": "base64", "media_type": "image/png", "data": "[8 bytes of base64 elided]"},
		"list":   []any{map[string]any{"type": "base64", "data": "[4 bytes of base64 elided]"}, "keep"},
		"odd":    map[string]any{"type": "base64", "data": 5},
	}
	got := redact.Base64(in)
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("Base64 (-want +got):\n%s", d)
	}
	if in["source"].(map[string]any)["data"] != "aGVsbG8=" {
		t.Fatal("Base64 modified its input")
	}
}

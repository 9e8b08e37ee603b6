package redact_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/internal/redact"
)

// TestHeader: every header that may carry a credential reads Redacted in
// the copy; the others are kept; the original is not changed.
func TestHeader(t *testing.T) {
	h := http.Header{
		"X-Api-Key": {"sk-ant-test-1"}, "Authorization": {"Bearer t"}, "Proxy-Authorization": {"Basic x"},
		"Cookie": {"s=1"}, "Set-Cookie": {"s=2"}, "X-Gateway-Token": {"g"}, "X-Client-Secret": {"c"},
		"X-Amz-Signature": {"sig"}, "Anthropic-Version": {"2023-06-01"}, "Content-Type": {"application/json"},
	}
	out := redact.Header(h)
	for k, v := range out {
		cred := k != "Anthropic-Version" && k != "Content-Type"
		if cred != (len(v) == 1 && v[0] == redact.Redacted) {
			t.Errorf("%s: %v", k, v)
		}
	}
	if h.Get("X-Api-Key") != "sk-ant-test-1" {
		t.Error("Header changed its argument")
	}
}

// TestJSON: base64 data is elided with numbers kept as written; a body
// that is not JSON is shown only by its size.
func TestJSON(t *testing.T) {
	in := `{"max_tokens":1024,"temperature":0.70,"messages":[{"content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"QUJDRA=="}}]}]}`
	out := string(redact.JSON([]byte(in)))
	if strings.Contains(out, "QUJDRA==") || !strings.Contains(out, `"[8 bytes of base64 elided]"`) || !strings.Contains(out, `"temperature":0.70`) {
		t.Errorf("JSON: %s", out)
	}
	if got := string(redact.JSON([]byte(`{"data":"QUJD`))); got != "[13 bytes of invalid JSON elided]" {
		t.Errorf("invalid JSON: %s", got)
	}
}

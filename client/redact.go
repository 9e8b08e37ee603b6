package client

import (
	"bytes"
	"encoding/json"
	"github.com/claudego/claude/internal/redact"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// maxLoggedBody caps a body the logger shows (WithLogBodies).
const maxLoggedBody = 64 << 10

// redactHeader returns a copy of h whose credential headers (x-api-key,
// authorization, proxy-authorization, cookies, and any header whose name
// says key, token, secret or auth) read [REDACTED]: the copy observers get
// (ARCHITECTURE.md, rule 4).
func redactHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		if isCredentialHeader(k) {
			out[k] = []string{redacted}
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}

func isCredentialHeader(name string) bool {
	n := strings.ToLower(name)
	if n == "cookie" || n == "set-cookie" {
		return true
	}
	for _, w := range [...]string{"key", "auth", "token", "secret", "cookie", "signature"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// redactBody returns what the logger may show of a body of the given
// content type: a multipart upload (file contents) or another non-JSON body
// only by its size; JSON with every base64 "data" string (images, PDFs)
// replaced by its length, then capped at maxLoggedBody.
func redactBody(contentType string, b []byte) []byte {
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "application/json" {
		return elided(int64(len(b)), contentType)
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return []byte("[" + strconv.Itoa(len(b)) + " bytes of invalid JSON elided]")
	}
	out, err := json.Marshal(redact.Base64(v))
	if err != nil {
		return []byte("[" + strconv.Itoa(len(b)) + " bytes elided]")
	}
	if len(out) > maxLoggedBody {
		out = append(out[:maxLoggedBody:maxLoggedBody], "...[truncated]"...)
	}
	return out
}

// elided is the note shown instead of a body: its size and type (-1: size
// unknown).
func elided(n int64, contentType string) []byte {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "" {
		mt = "unknown type"
	}
	size := strconv.FormatInt(n, 10) + " bytes"
	if n < 0 {
		size = "a body"
	}
	return []byte("[" + size + " of " + mt + " elided]")
}

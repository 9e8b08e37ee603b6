package client

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/claudego/claude/internal/redact"
)

// maxLoggedBody caps a body the logger shows (WithLogBodies).
const maxLoggedBody = 64 << 10

// redactHeader returns a copy of h whose credential headers (x-api-key,
// authorization, proxy-authorization, cookies, and any header whose name
// says key, token, secret or auth) read [REDACTED]: the copy observers get
// (ARCHITECTURE.md, rule 4). The rule is internal/redact's, which the
// diagnostics layer's log lines follow too.
func redactHeader(h http.Header) http.Header { return redact.Header(h) }

// redactBody returns what the logger may show of a body of the given
// content type: a multipart upload (file contents) or another non-JSON body
// only by its size; JSON with every base64 "data" string (images, PDFs)
// replaced by its length, then capped at maxLoggedBody.
func redactBody(contentType string, b []byte) []byte {
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "application/json" {
		return elided(int64(len(b)), contentType)
	}
	out := redact.JSON(b)
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

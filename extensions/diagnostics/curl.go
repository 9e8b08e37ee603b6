package diagnostics

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/claudego/claude/internal/redact"
)

// DefaultCurlMaxInline is the largest body written inline in a cURL command;
// a larger one is saved to a file the command reads with --data-binary @file.
const DefaultCurlMaxInline = 64 << 10

// credentialHeader returns what the command writes for a header that
// carries a secret (named in any case): the shell variable holding it.
// Compared byte by byte rather than canonicalized: CanonicalHeaderKey on
// every header of every attempt cost more than the rest of the command.
func credentialHeader(k string) (string, bool) {
	switch {
	case asciiEqualFold(k, "X-Api-Key"):
		return "x-api-key: $ANTHROPIC_API_KEY", true
	case asciiEqualFold(k, "Authorization"):
		return "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN", true
	}
	return "", false
}

// asciiEqualFold reports whether s equals the ASCII name t but for the case
// of its letters, as http.CanonicalHeaderKey(s) == t does for such a t.
func asciiEqualFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lower(s[i]) != lower(t[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Curl renders req (whose body is given separately) as a shell command. The
// credential headers are written with the environment variables, in double
// quotes so the shell expands them; any other header that may carry a
// credential (the one rule of internal/redact the client's logger follows)
// reads [REDACTED]; everything else is single-quoted. A body over maxInline
// bytes is written to a new file in dir (os.TempDir() when empty) and the
// command reads it from there.
func Curl(req *http.Request, body []byte, maxInline int, dir string) (string, error) {
	var b bytes.Buffer
	if err := writeCurl(&b, req, body, maxInline, dir, false); err != nil {
		return "", err
	}
	return b.String(), nil
}

// curlForLog is the command as Config.Logger logs it: redacted as the
// client's logger redacts (internal/redact): a JSON body with every base64
// image or document elided to its length, any other body shown only by its
// size, and a body over maxInline cut; never a file.
func curlForLog(b *bytes.Buffer, req *http.Request, body []byte, maxInline int) {
	_ = writeCurl(b, req, body, maxInline, "", true) // no file: no error
}

// writeCurl appends the command Curl returns to b (forLog: the one
// curlForLog returns), quoting each part as it is written: no intermediate
// string holds the body or a header.
func writeCurl(b *bytes.Buffer, req *http.Request, body []byte, maxInline int, dir string, forLog bool) error {
	if maxInline <= 0 {
		maxInline = DefaultCurlMaxInline
	}
	b.Grow(len(body) + 256)
	b.WriteString("curl")
	if req.Method != http.MethodGet || len(body) > 0 {
		b.WriteString(" -X ")
		b.WriteString(req.Method)
	}
	b.WriteByte(' ')
	quoteString(b, req.URL.String())
	var arr [16]string // the client's requests have fewer headers: no allocation
	names := arr[:0]
	for k := range req.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if v, ok := credentialHeader(k); ok {
			b.WriteString(" \\\n  -H \"")
			b.WriteString(v)
			b.WriteByte('"')
			continue
		}
		if name := lowerName(k); redact.IsCredentialHeader(name) {
			b.WriteString(" \\\n  -H '")
			quoteInner(b, name)
			b.WriteString(": " + redact.Redacted + "'")
			continue
		}
		for _, v := range req.Header[k] {
			b.WriteString(" \\\n  -H '")
			quoteInner(b, lowerName(k))
			b.WriteString(": ")
			quoteInner(b, v)
			b.WriteByte('\'')
		}
	}
	if len(body) == 0 {
		return nil
	}
	b.WriteString(" \\\n  --data-binary ")
	if forLog {
		shown := []byte("[" + strconv.Itoa(len(body)) + " bytes elided]")
		if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt == "application/json" {
			shown = redact.JSON(body)
		}
		if len(shown) > maxInline {
			shown = append(shown[:maxInline:maxInline], "...[truncated]"...)
		}
		quoteBytes(b, shown)
		return nil
	}
	if len(body) <= maxInline {
		quoteBytes(b, body)
		return nil
	}
	f, err := os.CreateTemp(dir, "claude-request-*.json")
	if err != nil {
		return fmt.Errorf("diagnostics: saving the request body for cURL: %w", err)
	}
	_, werr := f.Write(body)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		return fmt.Errorf("diagnostics: saving the request body for cURL: %w", firstErr(werr, cerr))
	}
	quoteString(b, "@"+f.Name())
	return nil
}

// lowerName is strings.ToLower of a header name, without allocating for
// the names every request has.
func lowerName(k string) string {
	if l, ok := lowerNames[k]; ok {
		return l
	}
	return strings.ToLower(k)
}

// lowerNames are the names the client sets, lowercased once.
var lowerNames = map[string]string{
	"Accept": "accept", "Anthropic-Beta": "anthropic-beta", "Anthropic-Version": "anthropic-version",
	"Content-Type": "content-type", "Content-Encoding": "content-encoding", "User-Agent": "user-agent",
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// quoteString single-quotes s for a POSIX shell: nothing inside is
// expanded; a single quote inside closes the quoting, adds an escaped quote
// and reopens it (the four bytes quote, backslash, quote, quote).
func quoteString(b *bytes.Buffer, s string) {
	b.WriteByte('\'')
	quoteInner(b, s)
	b.WriteByte('\'')
}

// quoteInner writes s as quoteString does, without the outer quotes.
func quoteInner(b *bytes.Buffer, s string) {
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString(`'\''`)
		s = s[i+1:]
	}
}

// quoteBytes is quoteString of a body.
func quoteBytes(b *bytes.Buffer, s []byte) {
	b.WriteByte('\'')
	for {
		i := bytes.IndexByte(s, '\'')
		if i < 0 {
			b.Write(s)
			break
		}
		b.Write(s[:i])
		b.WriteString(`'\''`)
		s = s[i+1:]
	}
	b.WriteByte('\'')
}

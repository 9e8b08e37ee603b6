package diagnostics

import (
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

// credentialHeaders maps the headers that carry a secret to the shell
// variable the command uses instead.
var credentialHeaders = map[string]string{
	"X-Api-Key":     "x-api-key: $ANTHROPIC_API_KEY",
	"Authorization": "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN",
}

// Curl renders req (whose body is given separately) as a shell command. The
// credential headers are written with the environment variables, in double
// quotes so the shell expands them; any other header that may carry a
// credential (the one rule of internal/redact the client's logger follows)
// reads [REDACTED]; everything else is single-quoted. A body over maxInline
// bytes is written to a new file in dir (os.TempDir() when empty) and the
// command reads it from there.
func Curl(req *http.Request, body []byte, maxInline int, dir string) (string, error) {
	if maxInline <= 0 {
		maxInline = DefaultCurlMaxInline
	}
	return render(req, body, func(b *strings.Builder) error {
		if len(body) <= maxInline {
			b.WriteString(" \\\n  --data-binary " + shellQuote(string(body)))
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
		b.WriteString(" \\\n  --data-binary " + shellQuote("@"+f.Name()))
		return nil
	})
}

// curlForLog is the command as Config.Logger logs it: redacted as the
// client's logger redacts (internal/redact): a JSON body with every base64
// image or document elided to its length, any other body shown only by its
// size, and a body over maxInline cut; never a file.
func curlForLog(req *http.Request, body []byte, maxInline int) string {
	if maxInline <= 0 {
		maxInline = DefaultCurlMaxInline
	}
	cmd, _ := render(req, body, func(b *strings.Builder) error {
		shown := []byte("[" + strconv.Itoa(len(body)) + " bytes elided]")
		if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt == "application/json" {
			shown = redact.JSON(body)
		}
		if len(shown) > maxInline {
			shown = append(shown[:maxInline:maxInline], "...[truncated]"...)
		}
		b.WriteString(" \\\n  --data-binary " + shellQuote(string(shown)))
		return nil
	})
	return cmd
}

// render writes the command's method, URL and headers, and the body (when
// there is one) with writeBody.
func render(req *http.Request, body []byte, writeBody func(*strings.Builder) error) (string, error) {
	var b strings.Builder
	b.WriteString("curl")
	if req.Method != http.MethodGet || len(body) > 0 {
		b.WriteString(" -X " + req.Method)
	}
	b.WriteString(" " + shellQuote(req.URL.String()))
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if v, ok := credentialHeaders[http.CanonicalHeaderKey(k)]; ok {
			b.WriteString(" \\\n  -H \"" + v + "\"")
			continue
		}
		if redact.IsCredentialHeader(k) {
			b.WriteString(" \\\n  -H " + shellQuote(strings.ToLower(k)+": "+redact.Redacted))
			continue
		}
		for _, v := range req.Header[k] {
			b.WriteString(" \\\n  -H " + shellQuote(strings.ToLower(k)+": "+v))
		}
	}
	if len(body) > 0 {
		if err := writeBody(&b); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// shellQuote single-quotes s for a POSIX shell: nothing inside is expanded;
// a single quote inside closes the quoting, adds an escaped quote and
// reopens it (the four bytes quote, backslash, quote, quote).
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

package diagnostics

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
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
// quotes so the shell expands them; everything else is single-quoted. A body
// over maxInline bytes is written to a new file in dir (os.TempDir() when
// empty) and the command reads it from there.
func Curl(req *http.Request, body []byte, maxInline int, dir string) (string, error) {
	if maxInline <= 0 {
		maxInline = DefaultCurlMaxInline
	}
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
		for _, v := range req.Header[k] {
			b.WriteString(" \\\n  -H " + shellQuote(strings.ToLower(k)+": "+v))
		}
	}
	if len(body) > 0 {
		if len(body) <= maxInline {
			b.WriteString(" \\\n  --data-binary " + shellQuote(string(body)))
		} else {
			f, err := os.CreateTemp(dir, "claude-request-*.json")
			if err != nil {
				return "", fmt.Errorf("diagnostics: saving the request body for cURL: %w", err)
			}
			_, werr := f.Write(body)
			cerr := f.Close()
			if werr != nil || cerr != nil {
				return "", fmt.Errorf("diagnostics: saving the request body for cURL: %w", firstErr(werr, cerr))
			}
			b.WriteString(" \\\n  --data-binary " + shellQuote("@"+f.Name()))
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

package diagnostics

import (
	"bytes"
	"fmt"
	"io"
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

// Curl renders req (whose body is given separately) as a shell command. The
// credential headers are written with the environment variables, in double
// quotes so the shell expands them; any other header that may carry a
// credential (the one rule of internal/redact the client's logger follows)
// reads [REDACTED]; everything else is single-quoted. A body over maxInline
// bytes is written to a new file in dir (os.TempDir() when empty) and the
// command reads it from there.
func Curl(req *http.Request, body []byte, maxInline int, dir string) (string, error) {
	var b bytes.Buffer
	if err := writeCurl(&b, req, body, maxInline, dir, false, nil); err != nil {
		return "", err
	}
	return b.String(), nil
}

// curlForLog is the command as Config.Logger logs it: redacted as the
// client's logger redacts (internal/redact): a JSON body with every base64
// image or document elided to its length, any other body shown only by its
// size, and a body over maxInline cut; never a file.
func curlForLog(b *bytes.Buffer, req *http.Request, body []byte, maxInline int) {
	_ = writeCurl(b, req, body, maxInline, "", true, nil) // no file: no error
}

// writeCurl appends the command Curl returns to b (forLog: the one
// curlForLog returns), quoting each part as it is written: no intermediate
// string holds the body or a header. The head comes from heads when it
// holds req's (nil: always written).
func writeCurl(b *bytes.Buffer, req *http.Request, body []byte, maxInline int, dir string, forLog bool, heads *headCache) error {
	if len(body) > 0 && !forLog {
		// The replayable command: the one writer of a body's command.
		return writeCurlFrom(b, req, bytes.NewReader(body), int64(len(body)), maxInline, dir, heads)
	}
	if maxInline <= 0 {
		maxInline = DefaultCurlMaxInline
	}
	heads.write(b, req, len(body) > 0)
	if len(body) == 0 {
		return nil
	}
	b.WriteString(dataBinary)
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

// dataBinary introduces the body.
const dataBinary = " \\\n  --data-binary "

// writeCurlHead writes the command up to its body: the method, the URL and
// the headers, sorted by name. It appends to the buffer's free space and
// hands that to Write (bytes.Buffer.AvailableBuffer): a dozen short
// appends, each Buffer.WriteString a call with its own checks, cost more
// than the bytes they copy.
func writeCurlHead(b *bytes.Buffer, req *http.Request, hasBody bool) {
	h := append(b.AvailableBuffer(), "curl"...)
	if req.Method != http.MethodGet || hasBody {
		h = append(h, " -X "...)
		h = append(h, req.Method...)
	}
	h = append(h, ' ')
	h = appendQuoted(h, req.URL.String())
	var arr [16]header // the client's requests have fewer headers: no allocation
	headers := arr[:0]
	for k, v := range req.Header {
		headers = append(headers, header{k, v})
	}
	slices.SortFunc(headers, func(a, b header) int { return strings.Compare(a.name, b.name) })
	for _, hd := range headers {
		name, class := headerKind(hd.name)
		switch class {
		case credential:
			h = append(h, " \\\n  -H \""...)
			h = append(h, name...)
			h = append(h, '"')
		case redacted:
			h = append(h, " \\\n  -H '"...)
			h = appendQuotedInner(h, name)
			h = append(h, ": "+redact.Redacted+"'"...)
		default:
			for _, v := range hd.values {
				h = append(h, " \\\n  -H '"...)
				h = appendQuotedInner(h, name)
				h = append(h, ": "...)
				h = appendQuotedInner(h, v)
				h = append(h, '\'')
			}
		}
	}
	b.Write(h)
}

// header is one header of a request, for sorting by name.
type header struct {
	name   string
	values []string
}

// writeBodyFile saves the body to a new file in dir (os.TempDir() when
// empty) and writes the argument that reads it.
func writeBodyFile(b *bytes.Buffer, dir string, body io.WriterTo) error {
	f, err := os.CreateTemp(dir, "claude-request-*.json")
	if err != nil {
		return fmt.Errorf("diagnostics: saving the request body for cURL: %w", err)
	}
	_, werr := body.WriteTo(f)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		return fmt.Errorf("diagnostics: saving the request body for cURL: %w", firstErr(werr, cerr))
	}
	quoteString(b, "@"+f.Name())
	return nil
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
	b.Write(appendQuoted(b.AvailableBuffer(), s))
}

// appendQuoted appends s to h as quoteString writes it.
func appendQuoted(h []byte, s string) []byte {
	h = append(h, '\'')
	h = appendQuotedInner(h, s)
	return append(h, '\'')
}

// appendQuotedInner appends s as quoteString does, without the outer
// quotes.
func appendQuotedInner(h []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			return append(h, s...)
		}
		h = append(h, s[:i]...)
		h = append(h, `'\''`...)
		s = s[i+1:]
	}
}

// quoteBytes is quoteString of a body.
func quoteBytes(b *bytes.Buffer, s []byte) {
	b.WriteByte('\'')
	quoter{b}.Write(s)
	b.WriteByte('\'')
}

// quoter writes what it is given into b as appendQuotedInner does: the inside of
// a single-quoted word, a run of bytes up to each quote copied as it is. A
// body handed over in pieces (io.WriterTo) is quoted piece by piece, with
// the same result.
type quoter struct{ b *bytes.Buffer }

func (q quoter) Write(p []byte) (int, error) {
	n := len(p)
	for {
		i := bytes.IndexByte(p, '\'')
		if i < 0 {
			q.b.Write(p)
			return n, nil
		}
		q.b.Write(p[:i])
		q.b.WriteString(`'\''`)
		p = p[i+1:]
	}
}

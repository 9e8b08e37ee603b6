package diagnostics_test

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
	"github.com/claudego/claude/internal/redact"
)

// referenceCurl is the command Curl wrote when it built it from strings
// (shellQuote of each part, then concatenation): the writer that quotes in
// place must write the same bytes.
func referenceCurl(req *http.Request, body []byte) string {
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	var b strings.Builder
	b.WriteString("curl")
	if req.Method != http.MethodGet || len(body) > 0 {
		b.WriteString(" -X " + req.Method)
	}
	b.WriteString(" " + quote(req.URL.String()))
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	creds := map[string]string{"X-Api-Key": "x-api-key: $ANTHROPIC_API_KEY", "Authorization": "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN"}
	for _, k := range names {
		if v, ok := creds[http.CanonicalHeaderKey(k)]; ok {
			b.WriteString(" \\\n  -H \"" + v + "\"")
			continue
		}
		if redact.IsCredentialHeader(k) { // any other header that may hold a secret
			b.WriteString(" \\\n  -H " + quote(strings.ToLower(k)+": "+redact.Redacted))
			continue
		}
		for _, v := range req.Header[k] {
			b.WriteString(" \\\n  -H " + quote(strings.ToLower(k)+": "+v))
		}
	}
	if len(body) > 0 {
		b.WriteString(" \\\n  --data-binary " + quote(string(body)))
	}
	return b.String()
}

// TestCurlMatchesReference: quotes in the URL, header names and values and
// the body, non-ASCII names, repeated values, credentials and GET without a
// body all render as the string-built command did.
func TestCurlMatchesReference(t *testing.T) {
	t.Parallel()
	cases := []struct {
		method, url string
		header      http.Header
		body        string
	}{
		{"POST", "http://127.0.0.1/v1/messages", http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {"sk-ant-test-curl"}, "Anthropic-Version": {"2023-06-01"}}, `{"model":"m","text":"it's"}`},
		{"POST", "http://127.0.0.1/v1/it's?q='x'", http.Header{"X-It's": {"a'b", "''"}, "Authorization": {"Bearer sk-ant-test-curl"}}, `''''`},
		{"GET", "http://127.0.0.1/v1/models", http.Header{"X-Ünïcode": {"é"}, "x-lower": {"v"}, "Accept": {"application/json"}}, ""},
		{"POST", "http://127.0.0.1/v1/messages", http.Header{}, "'"},
		{"POST", "http://127.0.0.1/v1/messages", http.Header{"x-api-KEY": {"sk-ant-test-curl"}, "AUTHORIZATION": {"b"}, "X-Api-Keys": {"v"}, "X-Api-Ke": {"w"}, "x-api-\u212aey": {"kelvin"}}, "{}"},
	}
	for i, c := range cases {
		req, err := http.NewRequest(c.method, c.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header = c.header
		got, err := diagnostics.Curl(req, []byte(c.body), 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceCurl(req, []byte(c.body)); got != want {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestCurlLargeBodyToFile: a body over maxInline goes to a file the command
// names, quoted, holding exactly the body.
func TestCurlLargeBodyToFile(t *testing.T) {
	t.Parallel()
	req, err := http.NewRequest("POST", "http://127.0.0.1/v1/messages", nil)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(strings.Repeat(`{"it's":1}`, 10))
	dir := t.TempDir()
	got, err := diagnostics.Curl(req, body, 16, dir)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(got, "--data-binary '@")
	if i < 0 || !strings.HasSuffix(got, "'") {
		t.Fatalf("no body file in %q", got)
	}
	name := got[i+len("--data-binary '@") : len(got)-1]
	saved, err := os.ReadFile(name)
	if err != nil || string(saved) != string(body) {
		t.Fatalf("file %s: %q, %v; want the body", name, saved, err)
	}
}

// FuzzCurlMatchesReference: for any header name and value, body and path,
// the command written in place is the string-built one: by Curl, and by the
// layer, which quotes a body straight from the reader GetBody returns
// (whole, or handed over in pieces), reads any other body into memory, and
// keeps the last command's head for the next request like it. One layer
// serves every input, so its kept head is used where the input repeats the
// last one's and replaced where it does not.
func FuzzCurlMatchesReference(f *testing.F) {
	f.Add("X-It's", "a'b", `{"it's":1}`, "/v1/it's")
	f.Add("x-api-KEY", "sk-ant-test-fuzz", "''", "/v1/messages")
	f.Add("X-\u00dcn\u00efcode", "\u00e9", "", "/")
	f.Add("x-api-\u212aey", "kelvin", "'", "/q?x='y'")
	f.Add("Anthropic-Version", "2023-06-01", `{"model":"claude-haiku-4-5","messages":[]}`, "/v1/messages")
	layer := newFuzzLayer()
	f.Fuzz(func(t *testing.T, name, value, body, path string) {
		newRequest := func(r io.Reader) *http.Request {
			req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1", r)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.Path = path
			req.Header = http.Header{name: {value}, "Content-Type": {"application/json"}}
			return req
		}
		req := newRequest(nil)
		got, err := diagnostics.Curl(req, []byte(body), 1<<20, "")
		if err != nil {
			t.Fatal(err)
		}
		want := referenceCurl(req, []byte(body))
		if got != want {
			t.Fatalf("got  %q\nwant %q", got, want)
		}
		pieces := newRequest(nil)
		pieces.Body = &piecewiseBody{s: body, piece: 1 + len(value)%7}
		pieces.GetBody = func() (io.ReadCloser, error) { return &piecewiseBody{s: body, piece: 1 + len(value)%7}, nil }
		pieces.ContentLength = int64(len(body))
		unreplayable := newRequest(nil)
		unreplayable.Body = io.NopCloser(iotest.HalfReader(strings.NewReader(body)))
		for _, req := range []*http.Request{newRequest(strings.NewReader(body)), newRequest(strings.NewReader(body)), pieces, unreplayable} {
			if got := layer.command(t, req); got != want+"\n\n" {
				t.Fatalf("the layer wrote %q\nwant %q", got, want+"\n\n")
			}
		}
	})
}

// fuzzLayer is one diagnostics layer writing its commands to out.
type fuzzLayer struct {
	mu  sync.Mutex
	out bytes.Buffer
	rt  http.RoundTripper
}

func newFuzzLayer() *fuzzLayer {
	l := &fuzzLayer{}
	d := diagnostics.NewDiagnostics(diagnostics.Config{Curl: &l.out})
	l.rt = d.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			_, _ = io.Copy(io.Discard, r.Body)
			_ = r.Body.Close()
		}
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	}))
	return l
}

// command is what the layer writes for req.
func (l *fuzzLayer) command(t *testing.T, req *http.Request) string {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.out.Reset()
	if _, err := l.rt.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	return l.out.String()
}

// piecewiseBody is a body in memory that hands its bytes over in pieces of
// a few bytes (io.WriterTo), as a reader of a body in several buffers may.
type piecewiseBody struct {
	s     string
	piece int
}

func (p *piecewiseBody) Read(b []byte) (int, error) {
	if p.s == "" {
		return 0, io.EOF
	}
	n := copy(b, p.s)
	p.s = p.s[n:]
	return n, nil
}

func (p *piecewiseBody) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for p.s != "" {
		n := min(p.piece, len(p.s))
		m, err := w.Write([]byte(p.s[:n]))
		total += int64(m)
		if err != nil {
			return total, err
		}
		p.s = p.s[n:]
	}
	return total, nil
}

func (p *piecewiseBody) Close() error { return nil }

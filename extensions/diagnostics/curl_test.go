package diagnostics_test

import (
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

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
// the command written in place is the string-built one.
func FuzzCurlMatchesReference(f *testing.F) {
	f.Add("X-It's", "a'b", `{"it's":1}`, "/v1/it's")
	f.Add("x-api-KEY", "sk-ant-test-fuzz", "''", "/v1/messages")
	f.Add("X-\u00dcn\u00efcode", "\u00e9", "", "/")
	f.Add("x-api-\u212aey", "kelvin", "'", "/q?x='y'")
	f.Fuzz(func(t *testing.T, name, value, body, path string) {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Path = path
		req.Header = http.Header{name: {value}, "Content-Type": {"application/json"}}
		got, err := diagnostics.Curl(req, []byte(body), 1<<20, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceCurl(req, []byte(body)); got != want {
			t.Fatalf("got  %q\nwant %q", got, want)
		}
	})
}

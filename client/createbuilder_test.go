package client

import (
	"bytes"
	"io"
	"testing"

	"github.com/claudego/claude/gen"
)

// TestCreateBuilderMatchesGenerated: the request createBuilder makes from
// its remembered URL is the generated builder's (method, URL, host,
// header, body), for each kind of server URL, asked twice so the second
// call takes the remembered one.
func TestCreateBuilderMatchesGenerated(t *testing.T) {
	servers := []string{
		"https://api.anthropic.com/",
		"http://127.0.0.1:8080/",
		"https://gateway.example.com/prefix/anthropic/",
		"https://gateway.example.com/a/../b/",
		"https://gateway.example.com/sp%20ace/",
		"https://[::1]:9000/",
	}
	body := []byte(`{"model":"m"}`)
	for _, server := range servers {
		want, err := gen.NewCreateMessageRequestWithBody(server, nil, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		for call := 1; call <= 2; call++ {
			got, err := createBuilder(bytes.NewReader(body), nil)(server)
			if err != nil {
				t.Fatalf("%s call %d: %v", server, call, err)
			}
			if got.Method != want.Method || got.URL.String() != want.URL.String() || got.Host != want.Host {
				t.Errorf("%s call %d: %s %s (host %s), generated %s %s (host %s)", server, call, got.Method, got.URL, got.Host, want.Method, want.URL, want.Host)
			}
			if len(got.Header) != len(want.Header) || got.Header.Get("Content-Type") != want.Header.Get("Content-Type") {
				t.Errorf("%s call %d: header %v, generated %v", server, call, got.Header, want.Header)
			}
			b, _ := io.ReadAll(got.Body)
			if !bytes.Equal(b, body) || got.ContentLength != want.ContentLength || got.GetBody == nil {
				t.Errorf("%s call %d: body %q (length %d), want %q (%d) and replayable", server, call, b, got.ContentLength, body, want.ContentLength)
			}
		}
	}
	// A server the cache does not hold still gets the generated builder's
	// error, not a request.
	if _, err := createBuilder(bytes.NewReader(body), nil)("http://[bad"); err == nil {
		t.Error("a malformed server URL built a request")
	}
}

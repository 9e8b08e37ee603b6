package opsbench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// requestBody is Request as the client encodes it.
var requestBody = []byte(`{"max_tokens":64,"messages":[{"content":[{"text":"` + strings.Repeat("Tell me about systems. ", 100) + `","type":"text"}],"role":"user"}],"model":"claude-haiku-4-5"}`)

// Middleware runs one layer's middleware alone, around a RoundTripper that
// answers every POST /v1/messages from memory with the usual reply: the
// layer's own work per call, without a client or a network. The request is
// a plain one (not the client's), so a layer reads its body as it would
// any caller's.
func Middleware(b *testing.B, mw client.Middleware) {
	rt := mw(memoryTransport{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1/v1/messages", bytes.NewReader(requestBody))
		if err != nil {
			b.Fatal(err)
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
}

package compress_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/compress"
)

func ExampleNew() {
	// A gateway that accepts gzip request bodies.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		n, err := io.Copy(io.Discard, zr)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Println(r.Header.Get("Content-Encoding"), r.ContentLength < n)
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}`)
	}))
	defer srv.Close()

	z, err := compress.NewCompressor(compress.Config{MinSize: 4 << 10, Level: gzip.BestSpeed})
	if err != nil {
		panic(err)
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), client.WithBaseURL(srv.URL), z.Option())
	if err != nil {
		panic(err)
	}
	doc := strings.Repeat("A long, repetitive document. ", 1000)
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText(doc)}}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		panic(err)
	}
	s := z.Stats()
	fmt.Println(s.Compressed, s.BytesOut*10 < s.BytesIn)
	// Output:
	// gzip true
	// 1 true
}

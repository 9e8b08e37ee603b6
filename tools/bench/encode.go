package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/option"

	"github.com/claudego/claude/client"
)

// The encode comparison: bytes allocated to send a Messages request that
// carries a 10 MB base64 PDF (issue #2: at most 2x the payload; the official
// SDK's issue #372 reports about 7x). Each client sends the request it was
// given, already built, through a transport that reads the body to
// io.Discard and answers a canned reply, so what is counted is the client's
// own encoding and request work, not the network. Cold is a process's first
// large request (two GCs empty every sync.Pool first); warm repeats it.

const encodePayload = 10 << 20

const cannedReply = `{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`

// discardTransport consumes the request body and answers cannedReply.
type discardTransport struct{}

func (discardTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(cannedReply)),
		ContentLength: int64(len(cannedReply)),
		Request:       r,
	}, nil
}

// allocated returns the bytes f allocates.
func allocated(f func() error, cold bool) (uint64, error) {
	var ms runtime.MemStats
	if cold {
		runtime.GC()
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	err := f()
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc - before, err
}

func runEncodeComparison() (map[string]encodeResult, error) {
	pdf := bytes.Repeat([]byte("%PDF-1.7 claude-go "), encodePayload*3/4/19)
	b64len := base64.StdEncoding.EncodedLen(len(pdf))
	hc := &http.Client{Transport: discardTransport{}}
	ctx := context.Background()

	ours, err := client.New(client.WithAPIKey("sk-ant-test-bench"), client.WithBaseURL("http://127.0.0.1:1"), client.WithHTTPClient(hc))
	if err != nil {
		return nil, err
	}
	ourReq := client.MessageRequest{
		Model: "claude-sonnet-4-5", MaxTokens: 1024,
		Messages: []client.MessageParam{client.UserBlocks(client.PDFBytes(pdf, "report", false), client.TextBlockParamOf("Summarise."))},
	}
	sdk := anthropic.NewClient(option.WithAPIKey("sk-ant-test-bench"), option.WithBaseURL("http://127.0.0.1:1/"), option.WithHTTPClient(hc), option.WithMaxRetries(0))
	sdkReq := anthropic.MessageNewParams{
		Model: anthropic.Model("claude-sonnet-4-5"), MaxTokens: 1024,
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(
			anthropic.NewDocumentBlock(anthropic.Base64PDFSourceParam{Data: base64.StdEncoding.EncodeToString(pdf)}),
			anthropic.NewTextBlock("Summarise."),
		)},
	}
	calls := []struct {
		name string
		f    func() error
	}{
		{"claude-go", func() error { _, err := ours.Messages.Create(ctx, ourReq); return err }},
		{"official SDK", func() error { _, err := sdk.Messages.New(ctx, sdkReq); return err }},
	}
	fmt.Printf("\nencode: one Messages request carrying a %.1f MB base64 PDF, bytes allocated as a multiple of the payload\n\n", float64(b64len)/1e6)
	fmt.Printf("| client | cold (first request) | warm | target |\n|---|---|---|---|\n")
	out := map[string]encodeResult{}
	for _, c := range calls {
		cold, err := allocated(c.f, true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		var warm uint64
		const reps = 3
		for i := 0; i < reps; i++ {
			n, err := allocated(c.f, false)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			warm += n
		}
		r := encodeResult{cold: float64(cold) / float64(b64len), warm: float64(warm) / reps / float64(b64len)}
		out[c.name] = r
		fmt.Printf("| %s | %.2fx | %.2fx | <= 2x |\n", c.name, r.cold, r.warm)
	}
	return out, nil
}

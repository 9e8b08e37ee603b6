package diagnostics_test

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/claudego/claude/extensions/diagnostics"
)

func ExampleCurl() {
	u, err := url.Parse("https://api.anthropic.com/v1/messages")
	if err != nil {
		panic(err)
	}
	req := &http.Request{Method: "POST", URL: u, Header: http.Header{
		"X-Api-Key":         {"sk-ant-api03-secret"},
		"Anthropic-Version": {"2023-06-01"},
		"Content-Type":      {"application/json"},
	}}
	cmd, err := diagnostics.Curl(req, []byte(`{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"It's me"}]}`), 0, "")
	if err != nil {
		panic(err)
	}
	fmt.Println(cmd)
	// Output:
	// curl -X POST 'https://api.anthropic.com/v1/messages' \
	//   -H 'anthropic-version: 2023-06-01' \
	//   -H 'content-type: application/json' \
	//   -H "x-api-key: $ANTHROPIC_API_KEY" \
	//   --data-binary '{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"It'\''s me"}]}'
}

package liveconfig_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/liveconfig"
)

func ExampleWatch() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}`)
	}))
	defer srv.Close()
	dir, err := os.MkdirTemp("", "liveconfig")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "claude.yaml")
	err = os.WriteFile(path, []byte("base_url: "+srv.URL+"\ntimeout: 30s\nretry:\n  max_retries: 2\nquotas:\n  - period: day\n    cost_usd: 20\n"), 0o600)
	if err != nil {
		panic(err)
	}

	w, err := liveconfig.Watch(context.Background(), liveconfig.Config{
		Path:    path,
		Base:    []client.Option{client.WithAPIKey("sk-ant-test-example")},
		OnError: func(err error) { fmt.Println("kept the running configuration:", err) },
	})
	if err != nil {
		panic(err)
	}
	defer w.Close()
	// Ask for the client at each call: a reload swaps it.
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}
	msg, err := w.Client().Messages.Create(context.Background(), req)
	fmt.Println(msg.Text(), err, w.Current().Quotas[0].CostUSD)
	// Output:
	// Hi! <nil> 20
}

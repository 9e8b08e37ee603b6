//go:build integration

package agent_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/agent/builtin"
	"github.com/claudego/claude/extensions/agent/vfs"
)

// Live: `go test -tags integration ./extensions/agent/`. Needs
// ANTHROPIC_API_KEY and fails, never skips, without it. A few hundred
// tokens on the cheapest current model.

func liveClient(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.WithTimeout(60 * time.Second))
	if errors.Is(err, client.ErrNoCredentials) {
		t.Fatalf("integration tests talk to the real API and need a key: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(c.BaseURL(), "http://") {
		t.Fatalf("integration tests must reach the real API, not %s", c.BaseURL())
	}
	return c
}

// TestLiveTypedToolsAndEditor: the model uses a typed tool and the text
// editor; every turn goes back verbatim and the run ends cleanly.
func TestLiveTypedToolsAndEditor(t *testing.T) {
	fsys := vfs.NewMem(vfs.Limits{MaxFileSize: 1 << 20})
	ed, err := builtin.TextEditor(fsys, builtin.EditorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type addIn struct {
		A int `json:"a"`
		B int `json:"b"`
	}
	add, _ := agent.NewTool("add", "Add two integers", func(ctx context.Context, in addIn) (string, error) {
		return strconv.Itoa(in.A + in.B), nil
	})
	a, err := agent.New(liveClient(t), agent.Config{Model: "claude-haiku-4-5", MaxTokens: 1024, MaxTurns: 6,
		Tools: []agent.Tool{add, ed}, CacheConversation: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText(
		"Use the add tool to add 40 and 2, then create the file /answer.txt containing only the result. Then say done.")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := fsys.ReadFile("/answer.txt")
	if err != nil || strings.TrimSpace(string(b)) != "42" {
		t.Fatalf("answer.txt = %q (%v); final %q after %d turns", b, err, res.Final.Text(), res.Turns)
	}
}

package agent_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/agenttest"
)

// fakeAPI is the loopback Messages server of agenttest, failing the test
// on a request that was not sent.
type fakeAPI struct {
	t testing.TB
	*agenttest.Server
}

func setup(t testing.TB, replies ...string) (*client.Client, *fakeAPI) {
	t.Helper()
	c, s := agenttest.Setup(t, replies...)
	return c, &fakeAPI{t: t, Server: s}
}

var (
	msg        = agenttest.Msg
	msgUsage   = agenttest.MsgUsage
	text       = agenttest.Text
	toolUse    = agenttest.ToolUse
	resultText = agenttest.ResultText
)

// request returns request i decoded as generic JSON.
func (f *fakeAPI) request(i int) map[string]any {
	f.t.Helper()
	m, err := f.Request(i)
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

func (f *fakeAPI) count() int { return f.Count() }

// toolResults returns the tool_result blocks of request i's last message.
func (f *fakeAPI) toolResults(i int) []map[string]any {
	f.t.Helper()
	r, err := f.ToolResults(i)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// recorded returns a recorded body from the repository's testdata.
func recorded(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/recorded/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// messages returns request i's messages.
func (f *fakeAPI) messages(i int) []any {
	f.t.Helper()
	m, _ := f.request(i)["messages"].([]any)
	return m
}

// lastResults decodes the tool_result blocks of a history's last message.
func lastResults(t testing.TB, msgs []client.MessageParam) []map[string]any {
	t.Helper()
	raw, err := json.Marshal(msgs[len(msgs)-1])
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Role    string           `json:"role"`
		Content []map[string]any `json:"content"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.Role != "user" {
		t.Fatalf("history ends with a %s turn, want the user's tool results", m.Role)
	}
	return m.Content
}

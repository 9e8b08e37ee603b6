package agent_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
)

func TestStreamYieldsEventsAndKeepsThinkingSignatures(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		recorded(t, "stream-thinking-tool-use/body.sse"),
		msg("tool_use", text("Checking."), toolUse("toolu_w", "weather", `{"city":"Oslo","unit":"celsius"}`)),
		msg("end_turn", text("v1, 18C.")),
	)
	version, _ := agent.NewTool("fixed_version", "", func(ctx context.Context, in struct{}) (string, error) { return "1.0", nil })
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{version, weatherTool(t, nil)}})
	var kinds []string
	var texts, partials []string
	var final *agent.Result
	for ev, err := range a.Stream(context.Background(), []client.MessageParam{client.UserText("version?")}) {
		if err != nil {
			t.Fatal(err)
		}
		switch e := ev.(type) {
		case agent.TextDelta:
			texts = append(texts, e.Text)
		case agent.ToolCallStart:
			kinds = append(kinds, "start:"+e.Name)
		case agent.ToolInputDelta:
			partials = append(partials, string(e.Partial))
		case agent.ToolCallResult:
			kinds = append(kinds, "result:"+e.Result.Text)
		case agent.TurnEnd:
			kinds = append(kinds, "turn")
		case agent.Done:
			final = e.Result
		}
	}
	want := "start:fixed_version turn result:1.0 start:weather turn result:18C in Oslo turn"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("events\n got %s\nwant %s", got, want)
	}
	if final == nil || final.Final.Text() != "v1, 18C." || strings.Join(texts, "") != "Checking.v1, 18C." {
		t.Fatalf("final %v, texts %q", final, texts)
	}
	if len(partials) == 0 || !json.Valid([]byte(partials[0])) {
		t.Fatalf("partial inputs %q", partials)
	}
	// The thinking block goes back with its signature.
	asst, _ := json.Marshal(api.messages(1)[1])
	if !strings.Contains(string(asst), `"signature":"EoQDCm0IDhgCKkCDzGs2kL2P`) {
		t.Fatalf("thinking signature lost: %s", asst)
	}
}

func TestStreamBreakCancelsTheRun(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("tool_use", toolUse("t1", "weather", `{"city":"Oslo"}`)), msg("end_turn", text("x")))
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{weatherTool(t, nil)}})
	for ev := range a.Stream(context.Background(), []client.MessageParam{client.UserText("hi")}) {
		if _, ok := ev.(agent.ToolCallStart); ok {
			break
		}
	}
	if api.count() != 1 {
		t.Fatalf("%d requests after the consumer left", api.count())
	}
}

func TestStreamYieldsTheErrorWithDone(t *testing.T) {
	t.Parallel()
	c, _ := setup(t) // no scripted reply: a 500
	a := newAgent(t, c, agent.Config{})
	var gotErr error
	var done bool
	for ev, err := range a.Stream(context.Background(), []client.MessageParam{client.UserText("hi")}) {
		if d, ok := ev.(agent.Done); ok && d.Result != nil {
			done, gotErr = true, err
		}
	}
	var apiErr *client.APIError
	if !done || !errors.As(gotErr, &apiErr) {
		t.Fatalf("done %v err %v", done, gotErr)
	}
}

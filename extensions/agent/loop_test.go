package agent_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
	"github.com/claudego/claude/extensions/agent"
)

type weatherIn struct {
	City string `json:"city" jsonschema:"the city name"`
	Unit string `json:"unit,omitempty"`
}

func weatherTool(t testing.TB, calls *[]weatherIn) agent.Tool {
	t.Helper()
	tool, err := agent.NewTool("weather", "Current weather", func(ctx context.Context, in weatherIn) (string, error) {
		if calls != nil {
			*calls = append(*calls, in)
		}
		return "18C in " + in.City, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tool
}

func newAgent(t testing.TB, c *client.Client, cfg agent.Config) *agent.Agent {
	t.Helper()
	if cfg.Model == "" {
		cfg.Model = "claude-haiku-4-5"
	}
	if cfg.MaxTokens == 0 {
		cfg.MaxTokens = 1024
	}
	a, err := agent.New(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRunAnswersEveryCallInOrderAndSendsHistoryVerbatim(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		recorded(t, "msg-tool-use-parallel/body.json"),
		msg("end_turn", text("Berlin is 18C; learn Go.")),
	)
	weather, _ := agent.NewTool("weather", "Weather", func(ctx context.Context, in struct {
		Latitude  string `json:"latitude"`
		Longitude string `json:"longitude"`
	}) (string, error) {
		return "18C at " + in.Latitude, nil
	})
	best, _ := agent.NewTool("best_language_to_learn", "Best language", func(ctx context.Context, in struct{}) (string, error) {
		return "Go", nil
	})
	a := newAgent(t, c, agent.Config{System: "Be brief.", Tools: []agent.Tool{weather, best}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("weather and language?")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Final.Text() != "Berlin is 18C; learn Go." || res.Turns != 2 || len(res.Messages) != 4 {
		t.Fatalf("final %q turns %d messages %d", res.Final.Text(), res.Turns, len(res.Messages))
	}
	results := api.toolResults(1)
	if len(results) != 2 ||
		results[0]["tool_use_id"] != "toolu_01TjHdHxyQNDy4DipRieJU5n" || resultText(results[0]) != "18C at 52.5200" ||
		results[1]["tool_use_id"] != "toolu_01QHFWAkMuVLb3VgS4EDGUGY" || resultText(results[1]) != "Go" {
		t.Fatalf("tool results out of order or wrong: %v", results)
	}
	// The assistant turn goes back byte for byte (the caller field too).
	asst, _ := json.Marshal(api.messages(1)[1])
	if !strings.Contains(string(asst), `"caller":{"type":"direct"}`) {
		t.Fatalf("assistant turn not verbatim: %s", asst)
	}
	req := api.request(0)
	if req["system"] != "Be brief." || len(req["tools"].([]any)) != 2 {
		t.Fatalf("request: system %v tools %v", req["system"], req["tools"])
	}
}

func TestRunInvalidInputIsAnErrorResultNamingTheField(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("toolu_1", "weather", `{"city":5}`), toolUse("toolu_2", "weather", `{"unit":"c"}`),
			toolUse("toolu_3", "weather", `{"city":"Oslo","zip":"0150"}`)),
		msg("end_turn", text("sorry")),
	)
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{weatherTool(t, &calls)}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 0 {
		t.Fatalf("handler ran with invalid input: %+v", calls)
	}
	r := api.toolResults(1)
	if r[0]["is_error"] != true || !strings.Contains(resultText(r[0]), "city") {
		t.Fatalf("wrong type: %v", r[0])
	}
	if r[1]["is_error"] != true || !strings.Contains(resultText(r[1]), "city") {
		t.Fatalf("missing required field: %v", r[1])
	}
	if r[2]["is_error"] != true || !strings.Contains(resultText(r[2]), "zip") {
		t.Fatalf("unknown field: %v", r[2])
	}
	t.Logf("the model reads: %q / %q / %q", resultText(r[0]), resultText(r[1]), resultText(r[2]))
}

func TestRunToolErrorPanicAndUnknownToolAreErrorResults(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("toolu_1", "fail", `{}`), toolUse("toolu_2", "boom", `{}`), toolUse("toolu_3", "nope", `{}`)),
		msg("end_turn", text("done")),
	)
	fail, _ := agent.NewTool("fail", "", func(ctx context.Context, in struct{}) (string, error) {
		return "", errors.New("disk full")
	})
	boom, _ := agent.NewTool("boom", "", func(ctx context.Context, in struct{}) (string, error) {
		panic("kaboom")
	})
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{fail, boom}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	r := api.toolResults(1)
	for i, want := range []string{"disk full", "panicked: kaboom", `unknown tool "nope"`} {
		if r[i]["is_error"] != true || !strings.Contains(resultText(r[i]), want) {
			t.Fatalf("result %d = %v, want an error saying %q", i, r[i], want)
		}
	}
}

func TestRunStopEndsTheRunAtACleanBoundary(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("toolu_1", "halt", `{}`), toolUse("toolu_2", "weather", `{"city":"Oslo"}`)),
	)
	errHalt := errors.New("operator said stop")
	halt, _ := agent.NewTool("halt", "", func(ctx context.Context, in struct{}) (string, error) {
		return "", agent.Stop(errHalt)
	})
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{halt, weatherTool(t, &calls)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if !errors.Is(err, errHalt) {
		t.Fatalf("err = %v, want the tool's stop error", err)
	}
	if api.count() != 1 || len(calls) != 0 {
		t.Fatalf("requests %d, weather calls %d after a stop", api.count(), len(calls))
	}
	r := lastResults(t, res.Messages)
	if len(r) != 2 || r[0]["tool_use_id"] != "toolu_1" || r[1]["tool_use_id"] != "toolu_2" || r[1]["is_error"] != true {
		t.Fatalf("history not clean: %v", r)
	}
}

func TestRunMaxTurns(t *testing.T) {
	t.Parallel()
	ask := msg("tool_use", toolUse("toolu_a", "weather", `{"city":"Oslo"}`))
	ask2 := msg("tool_use", toolUse("toolu_b", "weather", `{"city":"Rome"}`))
	c, api := setup(t, ask, ask2, msg("end_turn", text("never")))
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{MaxTurns: 2, Tools: []agent.Tool{weatherTool(t, &calls)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if !errors.Is(err, agent.ErrMaxTurns) || res == nil {
		t.Fatalf("err = %v, res %v", err, res)
	}
	if api.count() != 2 || len(calls) != 1 || res.Turns != 2 {
		t.Fatalf("requests %d, calls %d, turns %d", api.count(), len(calls), res.Turns)
	}
	r := lastResults(t, res.Messages)
	if len(r) != 1 || r[0]["tool_use_id"] != "toolu_b" || !strings.Contains(resultText(r[0]), "limit reached") {
		t.Fatalf("last call not answered with the limit: %v", r)
	}
}

func TestRunCancelAnswersEveryCall(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, msg("tool_use",
		toolUse("toolu_1", "slow", `{}`), toolUse("toolu_2", "slow", `{}`), toolUse("toolu_3", "slow", `{}`)))
	ctx, cancel := context.WithCancel(context.Background())
	started := 0
	slow, _ := agent.NewTool("slow", "", func(ctx context.Context, in struct{}) (string, error) {
		started++
		cancel() // the user hits ^C while the first call runs
		<-ctx.Done()
		return "", ctx.Err()
	})
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{slow}})
	res, err := a.Run(ctx, []client.MessageParam{client.UserText("hi")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	r := lastResults(t, res.Messages)
	if started != 1 || len(r) != 3 {
		t.Fatalf("started %d, results %d", started, len(r))
	}
	want := []string{"interrupted", "cancelled before this call started", "cancelled before this call started"}
	for i := range r {
		if r[i]["is_error"] != true || !strings.Contains(resultText(r[i]), want[i]) {
			t.Fatalf("result %d = %v, want %q", i, r[i], want[i])
		}
	}
}

func TestRunToolTimeout(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("tool_use", toolUse("toolu_1", "hang", `{}`)), msg("end_turn", text("ok")))
	hang, _ := agent.NewTool("hang", "", func(ctx context.Context, in struct{}) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	})
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{hang.WithTimeout(1)}})
	if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")}); err != nil {
		t.Fatal(err)
	}
	if r := api.toolResults(1); r[0]["is_error"] != true || !strings.Contains(resultText(r[0]), "timed out") {
		t.Fatalf("result %v", r[0])
	}
}

func TestRunPauseTurnContinuesWithoutAUserTurn(t *testing.T) {
	t.Parallel()
	paused := recorded(t, "msg-pause-turn/body.json")
	c, api := setup(t, paused, msg("end_turn", text("found it")))
	ws, err := client.NewTool("unused", "", `{"type":"object"}`)
	if err != nil {
		t.Fatal(err)
	}
	a := newAgent(t, c, agent.Config{ServerTools: []client.ToolUnion{ws}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("search")})
	if err != nil {
		t.Fatal(err)
	}
	msgs := api.messages(1)
	if res.Final.Text() != "found it" || len(msgs) != 2 || msgs[1].(map[string]any)["role"] != "assistant" {
		t.Fatalf("second request messages: %d, final %q", len(msgs), res.Final.Text())
	}
	// The paused turn's blocks go back exactly as received.
	var body struct {
		Content []json.RawMessage `json:"content"`
	}
	_ = json.Unmarshal([]byte(paused), &body)
	sent := msgs[1].(map[string]any)["content"].([]any)
	if len(sent) != len(body.Content) {
		t.Fatalf("paused turn has %d blocks, sent %d", len(body.Content), len(sent))
	}
}

func TestRunBudgetEndsWithAWrapUpTurn(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msgUsage("tool_use", 1000, 0, toolUse("toolu_1", "weather", `{"city":"Oslo"}`)),
		msgUsage("tool_use", 1000, 0, toolUse("toolu_2", "weather", `{"city":"Rome"}`)),
		msg("end_turn", text("Oslo is 18C; Rome not checked.")),
	)
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{Budget: agent.Budget{Tokens: 1500}, Tools: []agent.Tool{weatherTool(t, &calls)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if !errors.Is(err, agent.ErrBudgetExhausted) {
		t.Fatalf("err = %v", err)
	}
	if len(calls) != 1 || api.count() != 3 || res.Final.Text() != "Oslo is 18C; Rome not checked." {
		t.Fatalf("calls %d, requests %d, final %q", len(calls), api.count(), res.Final.Text())
	}
	last := api.request(2)
	if tc, _ := last["tool_choice"].(map[string]any); tc["type"] != "none" {
		t.Fatalf("wrap-up request tool_choice = %v", last["tool_choice"])
	}
	r := api.toolResults(2)
	if len(r) != 1 || !strings.Contains(resultText(r[0]), "budget") {
		t.Fatalf("refused call: %v", r)
	}
}

// TestBudgetDollarsUsesThePricingTable: a dollar budget prices each turn by
// its reply's model with client/pricing's table (the quota's and the cost
// command's): claude-haiku-4-5 at $1 in and $5 out per MTok, so two turns of
// 100,000 input and 10,000 output tokens cost $0.15 each, and a $0.2 budget
// is spent after the second.
func TestBudgetDollarsUsesThePricingTable(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msgUsage("tool_use", 100_000, 10_000, toolUse("toolu_1", "weather", `{"city":"Oslo"}`)),
		msgUsage("tool_use", 100_000, 10_000, toolUse("toolu_2", "weather", `{"city":"Rome"}`)),
		msg("end_turn", text("done")),
	)
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{Budget: agent.Budget{Dollars: 0.2}, Tools: []agent.Tool{weatherTool(t, &calls)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if !errors.Is(err, agent.ErrBudgetExhausted) {
		t.Fatalf("err = %v, want ErrBudgetExhausted", err)
	}
	turn, err := pricing.Cost("claude-haiku-4-5", client.Usage{InputTokens: 100_000, OutputTokens: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(turn.Total-0.15) > 1e-12 || len(res.TurnUsage) != 3 || res.TurnUsage[0].CostUSD != turn.Total {
		t.Fatalf("turn cost %v, turn usage %+v", turn.Total, res.TurnUsage)
	}
	if want := 2*turn.Total + res.TurnUsage[2].CostUSD; math.Abs(res.Usage.CostUSD-want) > 1e-12 || len(calls) != 1 || api.count() != 3 {
		t.Fatalf("run cost %v want %v, %d calls run, %d requests", res.Usage.CostUSD, want, len(calls), api.count())
	}
}

// TestBudgetDollarsRefusesAnUnknownModel: a reply from a model the table
// does not know ends a run with a dollar budget with an error naming it,
// never counted as free; without a dollar budget the turn is counted as
// unpriced.
func TestBudgetDollarsRefusesAnUnknownModel(t *testing.T) {
	t.Parallel()
	reply := strings.Replace(msg("end_turn", text("hi")), "claude-haiku-4-5", "claude-next-9", 1)
	c, _ := setup(t, reply, reply)
	a := newAgent(t, c, agent.Config{Budget: agent.Budget{Dollars: 1}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if !errors.Is(err, pricing.ErrUnknownModel) || !strings.Contains(err.Error(), "claude-next-9") || res == nil || res.Turns != 1 {
		t.Fatalf("err = %v, result %+v", err, res)
	}
	a = newAgent(t, c, agent.Config{})
	res, err = a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if err != nil || res.Usage.UnpricedTurns != 1 || res.Usage.CostUSD != 0 {
		t.Fatalf("without a dollar budget: err %v, usage %+v", err, res.Usage)
	}
}

func TestRunCacheConversationMarksOnlyTheRequest(t *testing.T) {
	t.Parallel()
	c, api := setup(t,
		msg("tool_use", toolUse("toolu_1", "weather", `{"city":"Oslo"}`)),
		`{"id":"msg_2","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"cache_read_input_tokens":900,"output_tokens":2}}`,
	)
	a := newAgent(t, c, agent.Config{CacheConversation: true, Tools: []agent.Tool{weatherTool(t, nil)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		msgs := api.messages(i)
		blocks := msgs[len(msgs)-1].(map[string]any)["content"].([]any)
		if cc := blocks[len(blocks)-1].(map[string]any)["cache_control"]; cc == nil {
			t.Fatalf("request %d: no breakpoint on the last block", i)
		}
	}
	raw, _ := json.Marshal(res.Messages)
	if strings.Contains(string(raw), "cache_control") {
		t.Fatalf("history keeps breakpoints: %s", raw)
	}
	if u := res.TurnUsage[1]; u.CacheReadTokens != 900 || u.InputTokens != 5 {
		t.Fatalf("turn 2 usage %+v", u)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	w := weatherTool(t, nil)
	for name, cfg := range map[string]agent.Config{
		"Model":     {MaxTokens: 1},
		"MaxTokens": {Model: "m"},
		"MaxTurns":  {Model: "m", MaxTokens: 1, MaxTurns: -1},
		"two tools": {Model: "m", MaxTokens: 1, Tools: []agent.Tool{w, w}},
		"zero Tool": {Model: "m", MaxTokens: 1, Tools: []agent.Tool{{}}},
	} {
		if _, err := agent.New(c, cfg); err == nil || !strings.Contains(err.Error(), strings.Fields(name)[0]) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := agent.New(nil, agent.Config{Model: "m", MaxTokens: 1}); err == nil {
		t.Error("nil client accepted")
	}
}

func TestRunClientErrorKeepsHistory(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, msg("tool_use", toolUse("toolu_1", "weather", `{"city":"Oslo"}`)))
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{weatherTool(t, nil)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if len(res.Messages) != 3 || !slices.ContainsFunc(lastResults(t, res.Messages), func(b map[string]any) bool { return b["tool_use_id"] == "toolu_1" }) {
		t.Fatalf("history after a failed request: %d messages", len(res.Messages))
	}
}

func TestRunMaxTokensWithACutCallIsReportedNotRun(t *testing.T) {
	t.Parallel()
	c, api := setup(t, msg("max_tokens", text("Let me"), toolUse("toolu_1", "weather", `{}`)))
	var calls []weatherIn
	a := newAgent(t, c, agent.Config{Tools: []agent.Tool{weatherTool(t, &calls)}})
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("hi")})
	if err != nil {
		t.Fatal(err)
	}
	if *res.Final.StopReason != client.MessageStopReasonMaxTokens || len(calls) != 0 || api.count() != 1 {
		t.Fatalf("stop %v calls %d requests %d", *res.Final.StopReason, len(calls), api.count())
	}
	r := lastResults(t, res.Messages)
	if len(r) != 1 || !strings.Contains(resultText(r[0]), "stop_reason max_tokens") {
		t.Fatalf("results %v", r)
	}
}

func TestTurnEndReportsContextEdits(t *testing.T) {
	t.Parallel()
	reply := `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,` +
		`"context_management":{"applied_edits":[{"type":"clear_tool_uses_20250919","cleared_tool_uses":3,"cleared_input_tokens":5000}]},"usage":{"input_tokens":900,"cache_read_input_tokens":100,"output_tokens":2}}`
	c, api := setup(t, reply)
	var cm client.ContextManagementConfig
	if err := json.Unmarshal([]byte(`{"edits":[{"type":"clear_tool_uses_20250919"}]}`), &cm); err != nil {
		t.Fatal(err)
	}
	a := newAgent(t, c, agent.Config{ContextManagement: cm})
	var ends []agent.TurnEnd
	for ev, err := range a.Stream(context.Background(), []client.MessageParam{client.UserText("hi")}) {
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := ev.(agent.TurnEnd); ok {
			ends = append(ends, e)
		}
	}
	if _, ok := api.request(0)["context_management"]; !ok {
		t.Fatal("context_management not sent")
	}
	if len(ends) != 1 || len(ends[0].ContextEdits) != 1 || *ends[0].ContextEdits[0].ClearedInputTokens != 5000 ||
		ends[0].Usage.CacheReadTokens != 100 || ends[0].Usage.InputTokens != 900 {
		t.Fatalf("turn ends %+v", ends)
	}
}

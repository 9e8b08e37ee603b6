package agent_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/internal/agenttest"
)

// exampleClient answers like the API on loopback with scripted replies, so
// the examples run offline.
func exampleClient(replies ...string) (*client.Client, func()) {
	s := agenttest.NewServer(replies...)
	return s.Client(), s.Close
}

func ExampleNew() {
	c, done := exampleClient(
		msg("tool_use", text("Let me check."), toolUse("toolu_1", "weather", `{"city":"Oslo"}`)),
		msg("end_turn", text("It is 18C in Oslo.")),
	)
	defer done()

	type weatherIn struct {
		City string `json:"city" jsonschema:"the city name"`
	}
	weather, err := agent.NewTool("weather", "Current weather for a city", func(ctx context.Context, in weatherIn) (string, error) {
		return "18C in " + in.City, nil
	})
	if err != nil {
		panic(err)
	}
	a, err := agent.New(c, agent.Config{
		Model:     "claude-haiku-4-5",
		MaxTokens: 1024,
		System:    "Answer briefly.",
		Tools:     []agent.Tool{weather},
		MaxTurns:  5,
	})
	if err != nil {
		panic(err)
	}
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("Weather in Oslo?")})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Final.Text())
	fmt.Println(res.Turns, "turns,", len(res.Messages), "messages")
	// Output:
	// It is 18C in Oslo.
	// 2 turns, 4 messages
}

func ExampleNewTool() {
	type addIn struct {
		A int `json:"a"`
		B int `json:"b"`
		// Note is optional: omitempty (a pointer would be optional too).
		Note string `json:"note,omitempty"`
	}
	add, err := agent.NewTool("add", "Add two integers", func(ctx context.Context, in addIn) (string, error) {
		return fmt.Sprint(in.A + in.B), nil
	})
	if err != nil {
		panic(err)
	}
	raw, err := add.Definition().MarshalJSON()
	if err != nil {
		panic(err)
	}
	var def struct {
		InputSchema struct {
			Required []string `json:"required"`
		} `json:"input_schema"`
	}
	if err := json.Unmarshal(raw, &def); err != nil {
		panic(err)
	}
	fmt.Println(add.Name(), def.InputSchema.Required)
	// Output: add [a b]
}

func ExampleNewResultTool() {
	stats, err := agent.NewResultTool("stats", "Numbers about a list", func(ctx context.Context, in struct {
		Values []float64 `json:"values"`
	}) (agent.ToolResult, error) {
		sum := 0.0
		for _, v := range in.Values {
			sum += v
		}
		return agent.JSONResult(map[string]float64{"sum": sum, "n": float64(len(in.Values))})
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(stats.Name())
	// Output: stats
}

func ExampleNewTwoPhaseTool() {
	c, done := exampleClient(
		msg("tool_use", toolUse("t1", "set", `{"key":"a","value":"1"}`), toolUse("t2", "set", `{"key":"b","value":"2"}`)),
		msg("end_turn", text("Both set.")),
	)
	defer done()
	store := map[string]string{}
	set, err := agent.NewTwoPhaseTool("set", "Set a key", func(ctx context.Context, in struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	}) (agent.Plan, error) {
		// Compute: runs concurrently with the turn's other calls, reads only.
		return agent.Plan{
			Summary: fmt.Sprintf("%s: %q -> %q", in.Key, store[in.Key], in.Value),
			Writes:  []string{in.Key},
			Apply: func(ctx context.Context) (agent.ToolResult, error) {
				store[in.Key] = in.Value // apply: one at a time, in the model's order
				return agent.TextResult("ok"), nil
			},
		}, nil
	})
	if err != nil {
		panic(err)
	}
	approve := agent.Middleware{Approve: func(ctx context.Context, call agent.Call, plan agent.Plan) error {
		fmt.Println("approve?", plan.Summary)
		return nil
	}}
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 512, Tools: []agent.Tool{set}, Middleware: []agent.Middleware{approve}})
	if err != nil {
		panic(err)
	}
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("set a=1 b=2")})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Final.Text(), store)
	// Output:
	// approve? a: "" -> "1"
	// approve? b: "" -> "2"
	// Both set. map[a:1 b:2]
}

func ExampleNewRawTool() {
	echo, err := agent.NewRawTool("echo", "Echo the input",
		json.RawMessage(`{"type":"object","properties":{"s":{"type":"string"}},"required":["s"]}`),
		func(ctx context.Context, input json.RawMessage) (agent.ToolResult, error) {
			return agent.TextResult(string(input)), nil
		})
	if err != nil {
		panic(err)
	}
	fmt.Println(echo.Name())
	// Output: echo
}

func ExampleNewDefinedTool() {
	var def client.ToolUnion
	if err := def.FromToolBash20250124(client.ToolBash20250124{Name: "bash", Type: "bash_20250124"}); err != nil {
		panic(err)
	}
	tool, err := agent.NewDefinedTool(def, func(ctx context.Context, input json.RawMessage) (agent.Plan, error) {
		return agent.Plan{Result: agent.ErrorResult("bash is disabled here")}, nil
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(tool.Name())
	// Output: bash
}

func ExampleAgent_Stream() {
	c, done := exampleClient(
		msg("tool_use", toolUse("toolu_1", "clock", `{}`)),
		msg("end_turn", text("It is noon.")),
	)
	defer done()
	clock, err := agent.NewTool("clock", "The time", func(ctx context.Context, in struct{}) (string, error) { return "12:00", nil })
	if err != nil {
		panic(err)
	}
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 512, Tools: []agent.Tool{clock}})
	if err != nil {
		panic(err)
	}
	for ev, err := range a.Stream(context.Background(), []client.MessageParam{client.UserText("time?")}) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		switch e := ev.(type) {
		case agent.ToolCallStart:
			fmt.Println("calling", e.Name)
		case agent.ToolCallResult:
			fmt.Println("result", e.Result.Text)
		case agent.TextDelta:
			fmt.Println("text", e.Text)
		case agent.TurnEnd:
			fmt.Println("turn", e.Turn, "input tokens", e.Usage.TotalInputTokens())
		}
	}
	// Output:
	// calling clock
	// turn 1 input tokens 10
	// result 12:00
	// text It is noon.
	// turn 2 input tokens 10
}

func ExampleTruncateResults() {
	c, done := exampleClient(msg("tool_use", toolUse("t1", "dump", `{}`)), msg("end_turn", text("ok")))
	defer done()
	dump, err := agent.NewTool("dump", "", func(ctx context.Context, in struct{}) (string, error) {
		return strings.Repeat("x", 100), nil
	})
	if err != nil {
		panic(err)
	}
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 512, Tools: []agent.Tool{dump},
		Middleware: []agent.Middleware{agent.TruncateResults(10)}})
	if err != nil {
		panic(err)
	}
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("dump")})
	if err != nil {
		panic(err)
	}
	raw, err := json.Marshal(res.Messages[2])
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.Contains(string(raw), "xxxxxxxxxx\\n[truncated: 90 more bytes]"))
	// Output: true
}

func ExampleStop() {
	c, done := exampleClient(msg("tool_use", toolUse("t1", "quit", `{}`)))
	defer done()
	quit, err := agent.NewTool("quit", "", func(ctx context.Context, in struct{}) (string, error) {
		return "", agent.Stop(fmt.Errorf("user quit"))
	})
	if err != nil {
		panic(err)
	}
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 512, Tools: []agent.Tool{quit}})
	if err != nil {
		panic(err)
	}
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("bye")})
	fmt.Println(err, len(res.Messages))
	// Output: agent: run stopped: user quit 3
}

// A call held for approval ends the run; the saved state is decided later
// and resumed.
func ExampleAgent_Resume() {
	c, done := exampleClient(
		msg("tool_use", toolUse("t1", "deploy", `{"env":"prod"}`)),
		msg("end_turn", text("Deployed.")),
	)
	defer done()
	deploy, err := agent.NewTwoPhaseTool("deploy", "Deploy", func(ctx context.Context, in struct {
		Env string `json:"env"`
	}) (agent.Plan, error) {
		return agent.Plan{Summary: "deploy to " + in.Env, Apply: func(ctx context.Context) (agent.ToolResult, error) {
			return agent.TextResult("deployed to " + in.Env), nil
		}}, nil
	})
	if err != nil {
		panic(err)
	}
	hold := agent.Middleware{Approve: func(ctx context.Context, call agent.Call, plan agent.Plan) error {
		return agent.Pending("needs a human")
	}}
	a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 512, Tools: []agent.Tool{deploy}, Middleware: []agent.Middleware{hold}})
	if err != nil {
		panic(err)
	}
	res, err := a.Run(context.Background(), []client.MessageParam{client.UserText("ship it")})
	fmt.Println(err)

	st := res.State() // save it as JSON; later, someone decides:
	fmt.Println(st.Held[0].Summary)
	st.Approve(st.Held[0].Call.ID)
	res, err = a.Resume(context.Background(), st)
	fmt.Println(res.Final.Text(), err)
	// Output:
	// agent: approval pending
	// deploy to prod
	// Deployed. <nil>
}

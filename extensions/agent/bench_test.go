package agent_test

import (
	"context"
	"encoding/json"
	"syscall"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/internal/agenttest"
)

// benchReplies is one conversation: a turn with two tool calls, then the
// answer.
var benchReplies = []string{
	agenttest.Msg("tool_use", agenttest.Text("Checking."),
		agenttest.ToolUse("toolu_1", "weather", `{"city":"Oslo","unit":"celsius"}`),
		agenttest.ToolUse("toolu_2", "weather", `{"city":"Rome"}`)),
	agenttest.Msg("end_turn", agenttest.Text("Oslo 18C, Rome 25C.")),
}

func weather(ctx context.Context, in weatherIn) (string, error) { return "18C in " + in.City, nil }

// BenchmarkLoop compares one two-turn run through Agent.Run with the loop
// Go users write by hand over the same client (decode each input with a
// marshal round trip, call, append results). Compare ns/op and allocs/op.
func BenchmarkLoop(b *testing.B) {
	b.Run("agent", func(b *testing.B) {
		s := agenttest.NewServer(benchReplies...).Cycle()
		defer s.Close()
		tool, _ := agent.NewTool("weather", "Weather", weather)
		a, _ := agent.New(s.Client(), agent.Config{Model: "claude-haiku-4-5", MaxTokens: 1024, Tools: []agent.Tool{tool}})
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := a.Run(ctx, []client.MessageParam{client.UserText("weather?")}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("handwritten", func(b *testing.B) {
		s := agenttest.NewServer(benchReplies...).Cycle()
		defer s.Close()
		c := s.Client()
		def, _ := client.NewTool("weather", "Weather", `{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}`)
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if err := handwritten(ctx, c, def); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// reportCPU reports the process's CPU time (user+sys, every goroutine and
// the GC included, the loopback server too) per op: on a shared machine
// wall time measures the neighbours.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// handwritten is the loop as users write it today.
func handwritten(ctx context.Context, c *client.Client, def client.ToolUnion) error {
	msgs := []client.MessageParam{client.UserText("weather?")}
	for range 10 {
		msg, err := c.Messages.Create(ctx, client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 1024, Messages: msgs, Tools: []client.ToolUnion{def}})
		if err != nil {
			return err
		}
		msgs = append(msgs, msg.ToParam())
		uses := msg.ToolUses()
		if len(uses) == 0 {
			return nil
		}
		var results []client.ContentBlockParam
		for _, u := range uses {
			raw, _ := json.Marshal(u.Input)
			var in weatherIn
			if err := json.Unmarshal(raw, &in); err != nil {
				results = append(results, client.ToolResult(u.ID, err.Error(), true))
				continue
			}
			out, err := weather(ctx, in)
			if err != nil {
				results = append(results, client.ToolResult(u.ID, err.Error(), true))
				continue
			}
			results = append(results, client.ToolResult(u.ID, out, false))
		}
		msgs = append(msgs, client.UserBlocks(results...))
	}
	return nil
}

// BenchmarkFourSlowTools: four calls in one turn, each 200 ms of work,
// finish in about 200 ms (compute phases run concurrently), not 800 ms.
// ms/turn is the tool turn's wall time.
func BenchmarkFourSlowTools(b *testing.B) {
	slowReplies := []string{
		agenttest.Msg("tool_use",
			agenttest.ToolUse("t1", "slow", `{}`), agenttest.ToolUse("t2", "slow", `{}`),
			agenttest.ToolUse("t3", "slow", `{}`), agenttest.ToolUse("t4", "slow", `{}`)),
		agenttest.Msg("end_turn", agenttest.Text("done")),
	}
	for _, mode := range []string{"concurrent", "two-phase", "sequential"} {
		b.Run(mode, func(b *testing.B) {
			s := agenttest.NewServer(slowReplies...).Cycle()
			defer s.Close()
			work := func(ctx context.Context) error {
				select {
				case <-time.After(200 * time.Millisecond):
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			var tool agent.Tool
			switch mode {
			case "two-phase":
				tool, _ = agent.NewTwoPhaseTool("slow", "", func(ctx context.Context, in struct{}) (agent.Plan, error) {
					err := work(ctx)
					return agent.Plan{Apply: func(ctx context.Context) (agent.ToolResult, error) { return agent.TextResult("ok"), nil }}, err
				})
			default:
				tool, _ = agent.NewTool("slow", "", func(ctx context.Context, in struct{}) (string, error) { return "ok", work(ctx) })
				if mode == "concurrent" {
					tool = tool.Concurrent()
				}
			}
			a, _ := agent.New(s.Client(), agent.Config{Model: "claude-haiku-4-5", MaxTokens: 1024, Tools: []agent.Tool{tool}})
			var total time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := a.Run(context.Background(), []client.MessageParam{client.UserText("go")}); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/run")
		})
	}
}

package agent

import (
	"time"

	"github.com/claudego/claude/client"
)

// Config is what an Agent is made of. The zero value of every field but
// Model and MaxTokens works.
type Config struct {
	// Name names the agent to observers (client.WithObserver,
	// client.WithLogger): the agent_start and agent_end events carry it,
	// and the OpenTelemetry module names the run's span
	// "invoke_agent {Name}" (gen_ai.agent.name). Empty: the span is
	// "invoke_agent".
	Name string
	// Model is the model ID, such as claude-sonnet-4-5. Required.
	Model string
	// System is the system prompt; empty sends none.
	System string
	// MaxTokens bounds each turn's output. Required (at least 1).
	MaxTokens int64
	// Tools are the client tools the agent offers and runs.
	Tools []Tool
	// MaxTurns bounds how many requests one Run sends. Zero means 20.
	MaxTurns int

	// Thinking is the extended-thinking setting sent with each request;
	// thinking blocks and their signatures go back verbatim.
	Thinking client.ThinkingConfig
	// ServerTools are API-run tools (web search, web fetch, code
	// execution) sent as they are; their blocks pass through untouched and
	// a pause_turn continues the turn.
	ServerTools []client.ToolUnion
	// Concurrency bounds how many compute phases run at once in one turn.
	// Zero means 8.
	Concurrency int
	// ToolTimeout is the default deadline of each phase of each call; zero
	// means none (a Tool's WithTimeout overrides it).
	ToolTimeout time.Duration
	// Middleware wrap every tool call, in order.
	Middleware []Middleware
	// Budget ends the run with a wrap-up turn once spent; zero means none.
	Budget Budget
	// CacheConversation puts a prompt-cache breakpoint on the last block of
	// each request, so every turn reads the previous turns from the cache.
	// Per-turn cached and uncached input tokens are in Result.TurnUsage and
	// the TurnEnd events.
	CacheConversation bool
	// ContextManagement is sent with every request: the API's server-side
	// context editing and compaction. The loop sends requests only at clean
	// turn boundaries; the edits applied are reported in TurnEnd events.
	// The API needs its beta header: add client.WithBeta to Options.
	ContextManagement client.ContextManagementConfig
	// Checkpoint, when set, is called with the run's state after each
	// assistant turn and after each applied call: save it to resume a run
	// that crashed without repeating a side effect (Agent.Resume).
	Checkpoint func(State) error
	// Options are sent with every request (headers, betas, timeouts).
	Options []client.Option
}

const (
	defaultMaxTurns    = 20
	defaultConcurrency = 8
)

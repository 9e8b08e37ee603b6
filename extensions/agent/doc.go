// Package agent is the tool loop for Claude on the public client: an Agent
// (model, system prompt, thinking, tools) sends a conversation, runs the
// tools the model asks for, sends their results, and repeats until the
// model stops asking, a limit (MaxTurns, a Budget in tokens or dollars) is
// reached, or the caller cancels.
//
// Tools are typed from Go structs (NewTool: the input schema comes from the
// struct, and the model's input is validated against it before the handler
// runs). A tool may split into a compute phase, which only reads and runs
// concurrently with the other calls of the turn, and an apply phase, which
// changes state and runs one call at a time in the model's order
// (NewTwoPhaseTool); approval middleware see the plan before it is applied.
//
// Whatever ends a run, the history is at a clean turn boundary: every
// tool_use has exactly one tool_result, so it can be sent again. The
// package layout and the reasons behind it are in the repository's
// ARCHITECTURE.md.
package agent

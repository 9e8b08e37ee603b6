// Package builtin holds the client tools the API defines, run over a
// vfs.FS: the text editor (text_editor_20250728), the memory tool
// (memory_20250818) and, only when explicitly configured, bash
// (bash_20250124). Reads answer in the compute phase; changes are planned
// there (the plan's Summary is the diff) and written in the apply phase, so
// approval middleware see the actual change. Failures are error results
// with the texts of Anthropic's reference implementation, which the models
// are trained on. The repository's ARCHITECTURE.md places this package in
// the agent framework.
package builtin

// Command claude is a command-line client for the Claude API built on
// claude-go. Run `claude -h` for usage; without an API key, `--emulator`
// answers from the local emulator instead of the real API; `-v` logs each
// request through log/slog to stderr (client.WithLogger), `-debug` with the
// attempts' headers, credentials redacted.
package main

// Command emulator runs the claude-go emulator, a local Anthropic-compatible
// API server, on loopback until interrupted:
//
//	go run ./cmd/emulator -addr 127.0.0.1:0
//
// It prints its base URL on stdout (one line, for scripts) and serves until
// SIGINT or SIGTERM. See package emulator for what it emulates.
package main

// Package mcp turns the tools of MCP servers (a command over stdio, or a
// streamable HTTP endpoint) into agent tools, through the official MCP Go
// SDK (github.com/modelcontextprotocol/go-sdk). It is a module of its own
// so the core module's dependency set stays small; the repository's
// ARCHITECTURE.md explains the split.
//
// A tool's input is validated against the schema the server publishes, by
// the same validator as struct tools, before the call goes out; a bad input
// is an error result naming the field. Tools the server annotates read-only
// run in the parallel compute phase; the others one at a time.
package mcp

// Package agenttest is a loopback server speaking the Messages wire format
// with scripted replies, for the tests and examples of the agent framework
// (extensions/agent, its built-in tools, extensions/mcp). It is real HTTP,
// JSON or SSE exactly as the API sends them, not a mock of the client.
package agenttest

package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Version is sent to MCP servers as this client's version.
const Version = "0.1.0"

// Config tunes how MCP tools become agent tools; the zero value keeps every
// tool under its own name.
type Config struct {
	// Prefix is put before every tool name (say "github_") so tools of
	// several servers do not clash.
	Prefix string
	// Filter, when set, keeps only the tools it returns true for.
	Filter func(*sdk.Tool) bool
}

// ConnectCommand starts cmd as an MCP server speaking over its stdin and
// stdout, and returns the session. Close the session to stop the process.
func ConnectCommand(ctx context.Context, cmd *exec.Cmd) (*sdk.ClientSession, error) {
	if cmd == nil {
		return nil, errors.New("mcp: ConnectCommand: nil command")
	}
	s, err := newClient().Connect(ctx, &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		return nil, fmt.Errorf("mcp: connecting to %s: %w", cmd.Path, err)
	}
	return s, nil
}

// ConnectHTTP connects to a streamable HTTP MCP server at endpoint; hc nil
// means http.DefaultClient.
func ConnectHTTP(ctx context.Context, endpoint string, hc *http.Client) (*sdk.ClientSession, error) {
	s, err := newClient().Connect(ctx, &sdk.StreamableClientTransport{Endpoint: endpoint, HTTPClient: hc}, nil)
	if err != nil {
		return nil, fmt.Errorf("mcp: connecting to %s: %w", endpoint, err)
	}
	return s, nil
}

// Options is the former name of Config.
//
// Deprecated: use Config.
type Options = Config

func newClient() *sdk.Client {
	return sdk.NewClient(&sdk.Implementation{Name: "claude-go", Version: Version}, nil)
}

var badNameChars = regexp.MustCompile(`[^a-zA-Z0-9_-]`)

// Tools lists the session's tools (every page) as agent tools. Names
// that the API would refuse (dots, spaces, over 128 bytes) are rewritten
// with underscores; the server is still called by its own name.
func Tools(ctx context.Context, s *sdk.ClientSession, cfg Config) ([]agent.Tool, error) {
	if s == nil {
		return nil, errors.New("mcp: Tools: nil session")
	}
	var out []agent.Tool
	seen := map[string]string{}
	for t, err := range s.Tools(ctx, nil) {
		if err != nil {
			return nil, fmt.Errorf("mcp: listing tools: %w", err)
		}
		if cfg.Filter != nil && !cfg.Filter(t) {
			continue
		}
		name := badNameChars.ReplaceAllString(cfg.Prefix+t.Name, "_")
		if len(name) > 128 {
			name = name[:128]
		}
		if other, dup := seen[name]; dup {
			return nil, fmt.Errorf("mcp: tools %q and %q both become %q", other, t.Name, name)
		}
		seen[name] = t.Name
		tool, err := toolOf(s, t, name)
		if err != nil {
			return nil, err
		}
		out = append(out, tool)
	}
	return out, nil
}

func toolOf(s *sdk.ClientSession, t *sdk.Tool, name string) (agent.Tool, error) {
	schema, err := json.Marshal(t.InputSchema)
	if err != nil {
		return agent.Tool{}, fmt.Errorf("mcp: tool %q: input schema: %w", t.Name, err)
	}
	if string(schema) == "null" {
		schema = nil
	}
	remote := t.Name
	tool, err := agent.NewRawTool(name, t.Description, schema, func(ctx context.Context, input json.RawMessage) (agent.ToolResult, error) {
		res, err := s.CallTool(ctx, &sdk.CallToolParams{Name: remote, Arguments: input})
		if err != nil {
			return agent.ToolResult{}, fmt.Errorf("mcp: calling %s: %w", remote, err)
		}
		return resultOf(res), nil
	})
	if err != nil {
		return agent.Tool{}, fmt.Errorf("mcp: tool %q: %w", t.Name, err)
	}
	if t.Annotations != nil && t.Annotations.ReadOnlyHint {
		tool = tool.Concurrent()
	}
	return tool, nil
}

// resultOf maps an MCP result onto a tool result: text stays text, images
// become image blocks, anything else is sent as its JSON.
func resultOf(res *sdk.CallToolResult) agent.ToolResult {
	out := agent.ToolResult{IsError: res.IsError}
	var texts []string
	var blocks []client.ToolResultContentBlock
	onlyText := true
	for _, c := range res.Content {
		switch v := c.(type) {
		case *sdk.TextContent:
			texts = append(texts, v.Text)
			blocks = append(blocks, textBlock(v.Text))
		case *sdk.ImageContent:
			onlyText = false
			if b, err := agent.ResultBlock(client.ImageBytes(v.MIMEType, v.Data)); err == nil {
				blocks = append(blocks, b)
			}
		default:
			raw, _ := json.Marshal(c)
			texts = append(texts, string(raw))
			blocks = append(blocks, textBlock(string(raw)))
		}
	}
	if len(res.Content) == 0 && res.StructuredContent != nil {
		raw, _ := json.Marshal(res.StructuredContent)
		texts = append(texts, string(raw))
	}
	if onlyText {
		out.Text = strings.Join(texts, "\n")
		return out
	}
	out.Blocks = blocks
	return out
}

func textBlock(s string) client.ToolResultContentBlock {
	b, _ := agent.ResultBlock(client.TextBlockParamOf(s))
	return b
}

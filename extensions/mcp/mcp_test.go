package mcp_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/agent"
	"github.com/claudego/claude/extensions/internal/agenttest"
	claudemcp "github.com/claudego/claude/extensions/mcp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// serverEnv makes the test binary run as an MCP server over stdio: the
// stdio test starts this very binary, so the server is built with the test.
const serverEnv = "CLAUDEGO_MCP_TEST_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(serverEnv) == "1" {
		if err := newServer(nil).Run(context.Background(), &sdk.StdioTransport{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type addIn struct {
	A int `json:"a"`
	B int `json:"b"`
}

// newServer is a real MCP server (the SDK's own server side) with a few
// tools; calls counts the calls that reached it.
func newServer(calls *atomic.Int32) *sdk.Server {
	s := sdk.NewServer(&sdk.Implementation{Name: "test", Version: "1"}, nil)
	count := func() {
		if calls != nil {
			calls.Add(1)
		}
	}
	sdk.AddTool(s, &sdk.Tool{Name: "add", Description: "Add", Annotations: &sdk.ToolAnnotations{ReadOnlyHint: true}},
		func(ctx context.Context, req *sdk.CallToolRequest, in addIn) (*sdk.CallToolResult, any, error) {
			count()
			return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: fmt.Sprint(in.A + in.B)}}}, nil, nil
		})
	sdk.AddTool(s, &sdk.Tool{Name: "files.delete", Description: "Fails"},
		func(ctx context.Context, req *sdk.CallToolRequest, in struct{}) (*sdk.CallToolResult, any, error) {
			count()
			return &sdk.CallToolResult{IsError: true, Content: []sdk.Content{&sdk.TextContent{Text: "permission denied"}}}, nil, nil
		})
	sdk.AddTool(s, &sdk.Tool{Name: "shot", Description: "Image"},
		func(ctx context.Context, req *sdk.CallToolRequest, in struct{}) (*sdk.CallToolResult, any, error) {
			count()
			return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: "here"}, &sdk.ImageContent{MIMEType: "image/png", Data: []byte("png")}}}, nil, nil
		})
	return s
}

func connectors(t *testing.T) map[string]func(ctx context.Context) (*sdk.ClientSession, *atomic.Int32) {
	return map[string]func(ctx context.Context) (*sdk.ClientSession, *atomic.Int32){
		"stdio": func(ctx context.Context) (*sdk.ClientSession, *atomic.Int32) {
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(exe)
			cmd.Env = append(os.Environ(), serverEnv+"=1")
			s, err := claudemcp.ConnectCommand(ctx, cmd)
			if err != nil {
				t.Fatal(err)
			}
			return s, nil
		},
		"http": func(ctx context.Context) (*sdk.ClientSession, *atomic.Int32) {
			calls := new(atomic.Int32)
			srv := newServer(calls)
			hs := httptest.NewServer(sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return srv }, nil))
			t.Cleanup(hs.Close)
			s, err := claudemcp.ConnectHTTP(ctx, hs.URL, hs.Client())
			if err != nil {
				t.Fatal(err)
			}
			return s, calls
		},
	}
}

func TestMCPToolsInTheLoop(t *testing.T) {
	for name, connect := range connectors(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			session, calls := connect(ctx)
			defer session.Close()
			tools, err := claudemcp.Tools(ctx, session, claudemcp.Config{Prefix: "srv_"})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, tl := range tools {
				names = append(names, tl.Name())
			}
			if got := strings.Join(names, ","); got != "srv_add,srv_files_delete,srv_shot" {
				t.Fatalf("tools %s", got)
			}
			if !tools[0].IsConcurrent() || tools[1].IsConcurrent() {
				t.Fatal("read-only annotation not honoured")
			}
			c, api := agenttest.Setup(t,
				agenttest.Msg("tool_use",
					agenttest.ToolUse("t1", "srv_add", `{"a":1,"b":2}`),
					agenttest.ToolUse("t2", "srv_add", `{"a":"one","b":2}`),
					agenttest.ToolUse("t3", "srv_files_delete", `{}`),
					agenttest.ToolUse("t4", "srv_shot", `{}`)),
				agenttest.Msg("end_turn", agenttest.Text("3")),
			)
			a, err := agent.New(c, agent.Config{Model: "claude-haiku-4-5", MaxTokens: 256, Tools: tools})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Run(ctx, []client.MessageParam{client.UserText("add")}); err != nil {
				t.Fatal(err)
			}
			r, err := api.ToolResults(1)
			if err != nil {
				t.Fatal(err)
			}
			if agenttest.ResultText(r[0]) != "3" || r[0]["is_error"] == true {
				t.Fatalf("add: %v", r[0])
			}
			if r[1]["is_error"] != true || !strings.Contains(agenttest.ResultText(r[1]), "a") {
				t.Fatalf("invalid input: %v", r[1])
			}
			if r[2]["is_error"] != true || agenttest.ResultText(r[2]) != "permission denied" {
				t.Fatalf("error result: %v", r[2])
			}
			if got := agenttest.ResultText(r[3]); !strings.Contains(got, `"type":"image"`) || !strings.Contains(got, `"text":"here"`) {
				t.Fatalf("image result: %s", got)
			}
			if calls != nil && calls.Load() != 3 {
				t.Fatalf("%d calls reached the server, want 3 (the invalid one must not)", calls.Load())
			}
		})
	}
}

package mcp_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"

	claudemcp "github.com/claudego/claude/extensions/mcp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

func ExampleConnectHTTP() {
	// An MCP server on loopback, built with the official SDK.
	srv := newServer(nil)
	hs := httptest.NewServer(sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return srv }, nil))
	defer hs.Close()

	ctx := context.Background()
	session, err := claudemcp.ConnectHTTP(ctx, hs.URL, nil)
	if err != nil {
		panic(err)
	}
	defer session.Close()
	tools, err := claudemcp.Tools(ctx, session, claudemcp.Config{})
	if err != nil {
		panic(err)
	}
	for _, t := range tools {
		fmt.Println(t.Name())
	}
	// Output:
	// add
	// files_delete
	// shot
}

func ExampleTools() {
	srv := newServer(nil)
	hs := httptest.NewServer(sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return srv }, nil))
	defer hs.Close()
	ctx := context.Background()
	session, err := claudemcp.ConnectHTTP(ctx, hs.URL, nil)
	if err != nil {
		panic(err)
	}
	defer session.Close()
	// Keep only read-only tools, prefixed so several servers do not clash.
	tools, err := claudemcp.Tools(ctx, session, claudemcp.Config{
		Prefix: "calc_",
		Filter: func(t *sdk.Tool) bool { return t.Annotations != nil && t.Annotations.ReadOnlyHint },
	})
	if err != nil {
		panic(err)
	}
	for _, t := range tools {
		fmt.Println(t.Name(), t.IsConcurrent())
	}
	// Output: calc_add true
}

func ExampleConnectCommand() {
	// Any MCP server program works; this one is the test binary itself,
	// which TestMain turns into a stdio server.
	exe, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), serverEnv+"=1")
	ctx := context.Background()
	session, err := claudemcp.ConnectCommand(ctx, cmd)
	if err != nil {
		panic(err)
	}
	defer session.Close()
	tools, err := claudemcp.Tools(ctx, session, claudemcp.Config{})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(tools), "tools")
	// Output: 3 tools
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/option"

	"github.com/claudego/claude/client"
)

var execCommand = exec.Command

// impl is one client under test: stream reads a whole streamed reply and
// returns its accumulated text (or tool input); create does a non-streamed
// call and reads the reply's blocks as read says.
type impl struct {
	name   string
	stream func(ctx context.Context, base string) (string, error)
	create func(ctx context.Context, base string, read reading) (string, error)
	// first reads a whole stream as stream does, calling mark once the
	// first event is in the caller's hands (decoded as the client decodes
	// it): the time-to-first-event scenario counts only what runs before.
	first func(ctx context.Context, base string, mark func()) error
}

func newTransport() *http.Transport {
	return &http.Transport{MaxIdleConns: 2000, MaxIdleConnsPerHost: 1000, DisableCompression: true}
}

// floor is the least a Go program can do: net/http, bufio lines and
// encoding/json into a minimal struct, accumulating the text.
func floor() impl {
	hc := &http.Client{Transport: newTransport()}
	reqBody := []byte(`{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}],"stream":true}`)
	post := func(ctx context.Context, base string, body []byte) (*http.Response, error) {
		server, scenario := splitBase(base)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, server+"/v1/messages", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("x-bench-scenario", scenario)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("x-api-key", "sk-bench")
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != 200 {
			resp.Body.Close()
			return nil, fmt.Errorf("status %d", resp.StatusCode)
		}
		return resp, nil
	}
	floorStream := floorStreamer(post, reqBody)
	return impl{
		name: "floor",
		stream: func(ctx context.Context, base string) (string, error) {
			return floorStream(ctx, base, nil)
		},
		first: func(ctx context.Context, base string, mark func()) error {
			_, err := floorStream(ctx, base, mark)
			return err
		},
		// The floor reads its minimal struct whatever the reading: the least
		// any way of reading the text can cost.
		create: func(ctx context.Context, base string, _ reading) (string, error) {
			resp, err := post(ctx, base, reqBody[:len(reqBody)-len(`,"stream":true}`)+1])
			if err != nil {
				return "", err
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				return "", err
			}
			var m struct {
				ID      string `json:"id"`
				Content []struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"content"`
				Usage struct {
					InputTokens  int `json:"input_tokens"`
					OutputTokens int `json:"output_tokens"`
				} `json:"usage"`
			}
			if err := json.Unmarshal(body, &m); err != nil {
				return "", err
			}
			return m.Content[0].Text, nil
		},
	}
}

// floorStreamFunc reads a whole stream the floor's way; mark, when not nil,
// is called once the first event is decoded.
type floorStreamFunc func(ctx context.Context, base string, mark func()) (string, error)

func floorStreamer(post func(ctx context.Context, base string, body []byte) (*http.Response, error), reqBody []byte) floorStreamFunc {
	return func(ctx context.Context, base string, mark func()) (string, error) {
		resp, err := post(ctx, base, reqBody)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 4096), 1<<20)
		var text strings.Builder
		json_ := false
		for sc.Scan() {
			d, ok := bytes.CutPrefix(sc.Bytes(), []byte("data: "))
			if !ok {
				continue
			}
			var ev struct {
				Type  string `json:"type"`
				Delta struct {
					Type        string `json:"type"`
					Text        string `json:"text"`
					PartialJSON string `json:"partial_json"`
				} `json:"delta"`
			}
			if err := json.Unmarshal(d, &ev); err != nil {
				return "", err
			}
			if mark != nil {
				mark()
				mark = nil
			}
			if ev.Type == "content_block_delta" {
				text.WriteString(ev.Delta.Text)
				if ev.Delta.Type == "input_json_delta" {
					json_ = true
					text.WriteString(ev.Delta.PartialJSON)
				}
			}
		}
		if json_ && !json.Valid([]byte(text.String())) {
			return "", errors.New("floor: invalid tool input")
		}
		return text.String(), sc.Err()
	}
}

// ours is claude-go: Messages.Stream iterated to the end, then Message.
// A watched scenario's client also logs and traces (watchOptions); shutdown
// stops their providers.
func ours(server string) (_ impl, shutdown func(), _ error) {
	hc := &http.Client{Transport: newTransport()}
	var clients = map[string]*client.Client{}
	watch, shutdown := watchOptions()
	req := client.MessageRequest{Model: "claude-sonnet-4-5", MaxTokens: 1024, Messages: []client.MessageParam{client.UserText("Hello")}}
	// Prepare the clients up front, so the map is read-only under concurrency.
	for _, sc := range scenarios {
		opts := []client.Option{client.WithAPIKey("sk-bench"), client.WithBaseURL(server), client.WithHTTPClient(hc), client.WithHeader("x-bench-scenario", sc.path)}
		if sc.bare != "" {
			opts = append(opts, watch...)
		}
		c, err := client.New(opts...)
		if err != nil {
			shutdown()
			return impl{}, nil, err
		}
		clients[server+sc.path] = c
	}
	return impl{
		name: "claude-go",
		stream: func(ctx context.Context, base string) (string, error) {
			s, err := clients[base].Messages.Stream(ctx, req)
			if err != nil {
				return "", err
			}
			defer s.Close()
			for s.Next() {
			}
			if err := s.Err(); err != nil {
				return "", err
			}
			m := s.Message()
			if typ, _ := m.Content[0].Discriminator(); typ == "tool_use" {
				// The input was checked at content_block_stop; the floor
				// checks its JSON too (json.Valid) and decodes no further.
				raw, _ := m.Content[0].MarshalJSON()
				return string(raw), nil
			}
			return m.Text(), nil
		},
		first: func(ctx context.Context, base string, mark func()) error {
			s, err := clients[base].Messages.Stream(ctx, req)
			if err != nil {
				return err
			}
			defer s.Close()
			if s.Next() {
				mark()
			}
			for s.Next() {
			}
			return s.Err()
		},
		create: func(ctx context.Context, base string, read reading) (string, error) {
			m, err := clients[base].Messages.Create(ctx, req)
			if err != nil {
				return "", err
			}
			return readOurs(m, read)
		},
	}, shutdown, nil
}

// sdkName names the official SDK's column.
const sdkName = "official SDK"

// sdk is the official SDK v1.84.0: NewStreaming with message.Accumulate on
// every event.
func sdk(server string) impl {
	hc := &http.Client{Transport: newTransport()}
	clients := map[string]anthropic.Client{}
	for _, sc := range scenarios {
		clients[server+sc.path] = anthropic.NewClient(option.WithAPIKey("sk-bench"), option.WithBaseURL(server+"/"), option.WithHTTPClient(hc), option.WithMaxRetries(0), option.WithHeader("x-bench-scenario", sc.path))
	}
	params := anthropic.MessageNewParams{
		Model:     anthropic.Model("claude-sonnet-4-5"),
		MaxTokens: 1024,
		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("Hello"))},
	}
	return impl{
		name: sdkName,
		stream: func(ctx context.Context, base string) (string, error) {
			c := clients[base]
			st := c.Messages.NewStreaming(ctx, params)
			defer st.Close()
			var msg anthropic.Message
			for st.Next() {
				if err := msg.Accumulate(st.Current()); err != nil {
					return "", err
				}
			}
			if err := st.Err(); err != nil {
				return "", err
			}
			var b strings.Builder
			for _, c := range msg.Content {
				b.WriteString(c.Text)
			}
			return b.String(), nil
		},
		first: func(ctx context.Context, base string, mark func()) error {
			c := clients[base]
			st := c.Messages.NewStreaming(ctx, params)
			defer st.Close()
			var msg anthropic.Message
			for n := 0; st.Next(); n++ {
				if err := msg.Accumulate(st.Current()); err != nil {
					return err
				}
				if n == 0 {
					mark()
				}
			}
			return st.Err()
		},
		create: func(ctx context.Context, base string, read reading) (string, error) {
			c := clients[base]
			m, err := c.Messages.New(ctx, params)
			if err != nil {
				return "", err
			}
			return readSDK(m, read)
		},
	}
}

// splitBase splits a scenario's base (server root + scenario path).
func splitBase(base string) (server, scenario string) {
	i := strings.LastIndex(base, "/")
	return base[:i], base[i:]
}

package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
)

func ptr[T any](v T) *T { return &v }

func mustTool(t *testing.T, name string) client.ToolUnion {
	t.Helper()
	tool, err := client.NewTool(name, "test tool", `{"type":"object","properties":{"q":{"type":"string"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	return tool
}

func rawBlock(t *testing.T, js string) client.ContentBlockParam {
	t.Helper()
	var b client.ContentBlockParam
	if err := json.Unmarshal([]byte(js), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestValidation is the table of client-side checks: each bad request names
// its field, nothing is sent, and the valid variants pass.
func TestValidation(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.Header().Set("content-type", "application/json")
		_, _ = w.Write([]byte(`{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`))
	}))
	tests := []struct {
		name  string
		edit  func(*client.MessageRequest)
		field string // "" means valid
	}{
		{"valid minimal", func(r *client.MessageRequest) {}, ""},
		{"empty model", func(r *client.MessageRequest) { r.Model = " " }, "model"},
		{"zero max_tokens", func(r *client.MessageRequest) { r.MaxTokens = 0 }, "max_tokens"},
		{"no messages", func(r *client.MessageRequest) { r.Messages = nil }, "messages"},
		{"bad role", func(r *client.MessageRequest) { r.Messages[0].Role = "system" }, "messages[0].role"},
		{"empty content", func(r *client.MessageRequest) { r.Messages = append(r.Messages, client.UserBlocks()) }, "messages[1].content"},
		{"empty string content", func(r *client.MessageRequest) {
			_ = r.Messages[0].Content.FromMessageContentText("")
		}, "messages[0].content"},
		{"string content ok", func(r *client.MessageRequest) { _ = r.Messages[0].Content.FromMessageContentText("hi") }, ""},
		{"temperature high", func(r *client.MessageRequest) { r.Temperature = ptr(1.5) }, "temperature"},
		{"temperature zero ok", func(r *client.MessageRequest) { r.Temperature = ptr(0.0) }, ""},
		{"top_p negative", func(r *client.MessageRequest) { r.TopP = ptr(-0.1) }, "top_p"},
		{"top_k negative", func(r *client.MessageRequest) { r.TopK = ptr(int64(-1)) }, "top_k"},
		{"empty stop sequence", func(r *client.MessageRequest) { r.StopSequences = []string{"END", ""} }, "stop_sequences[1]"},
		{"bad tool name", func(r *client.MessageRequest) { r.Tools = []client.ToolUnion{mustTool(t, "get weather")} }, "tools[0].name"},
		{"duplicate tool", func(r *client.MessageRequest) {
			r.Tools = []client.ToolUnion{mustTool(t, "get_weather"), mustTool(t, "get_weather")}
		}, "tools[1].name"},
		{"tool_choice unknown tool", func(r *client.MessageRequest) {
			r.Tools = []client.ToolUnion{mustTool(t, "get_weather")}
			r.ToolChoice = client.ToolChoiceToolOf("get_time")
		}, "tool_choice.name"},
		{"tool_choice known tool ok", func(r *client.MessageRequest) {
			r.Tools = []client.ToolUnion{mustTool(t, "get_weather")}
			r.ToolChoice = client.ToolChoiceToolOf("get_weather")
		}, ""},
		{"image media type", func(r *client.MessageRequest) {
			r.Messages = []client.MessageParam{client.UserBlocks(client.ImageBytes("image/bmp", []byte{1, 2, 3}))}
		}, "messages[0].content[0].source.media_type"},
		{"image bad base64", func(r *client.MessageRequest) {
			r.Messages = []client.MessageParam{client.UserBlocks(rawBlock(t, `{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR*w0"}}`))}
		}, "messages[0].content[0].source.data"},
		{"image ok", func(r *client.MessageRequest) {
			r.Messages = []client.MessageParam{client.UserBlocks(client.ImageBytes("image/png", []byte("\x89PNG\r\n")))}
		}, ""},
		{"image in tool result", func(r *client.MessageRequest) {
			r.Messages = []client.MessageParam{client.UserBlocks(rawBlock(t, `{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"x"},{"type":"image","source":{"type":"base64","media_type":"image/tiff","data":"AAAA"}}]}`))}
		}, "messages[0].content[0].content[1].source.media_type"},
		{"thinking budget low", func(r *client.MessageRequest) { r.MaxTokens = 4000; r.Thinking = client.ThinkingEnabled(512) }, "thinking.budget_tokens"},
		{"thinking budget over max", func(r *client.MessageRequest) { r.MaxTokens = 2000; r.Thinking = client.ThinkingEnabled(2000) }, "thinking.budget_tokens"},
		{"thinking ok", func(r *client.MessageRequest) { r.MaxTokens = 4000; r.Thinking = client.ThinkingEnabled(1024) }, ""},
		{"unknown block type passes", func(r *client.MessageRequest) {
			r.Messages = []client.MessageParam{client.UserBlocks(rawBlock(t, `{"type":"brand_new_block","x":1}`))}
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := minimalRequest()
			tc.edit(&req)
			before := sent.Load()
			_, err := c.Messages.Create(context.Background(), req)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("valid request rejected: %v", err)
				}
				return
			}
			var ve *client.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, client.ErrValidation) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if ve.Field != tc.field {
				t.Fatalf("Field = %q (%v), want %q", ve.Field, err, tc.field)
			}
			if !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("message %q does not name %q", err, tc.field)
			}
			if sent.Load() != before {
				t.Fatalf("an invalid request was sent")
			}
		})
	}
}

// TestValidationReportsEveryProblem joins all failures in one error.
func TestValidationReportsEveryProblem(t *testing.T) {
	t.Parallel()
	err := client.ValidateMessageRequest(&client.MessageRequest{})
	for _, f := range []string{"model", "max_tokens", "messages"} {
		if !strings.Contains(err.Error(), f+":") {
			t.Errorf("joined error %q lacks %s", err, f)
		}
	}
}

// TestWithoutValidation sends what validation would reject.
func TestWithoutValidation(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.WriteHeader(400)
		_, _ = w.Write([]byte(`{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}`))
	}), client.WithoutValidation())
	req := minimalRequest()
	req.MaxTokens = 0
	_, err := c.Messages.Create(context.Background(), req)
	if !errors.Is(err, client.ErrBadRequest) || sent.Load() != 1 {
		t.Fatalf("err = %v after %d sends, want the server's 400", err, sent.Load())
	}
}

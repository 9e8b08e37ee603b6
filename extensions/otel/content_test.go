package claudeotel_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claudego/claude/client"
)

// TestContentCapture checks the opt-in content attributes: the turns and the
// system prompt in the conventions' JSON shape, an image's base64 data
// elided to its length.
func TestContentCapture(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "msg-prompt-cache-read"))
	c := newClient(t, srv.URL, tel.option(true))

	const secretPixels = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
	var req client.MessageRequest
	if err := json.Unmarshal([]byte(`{
		"model": "claude-sonnet-4-20250514", "max_tokens": 100,
		"system": "Be brief.",
		"messages": [
			{"role": "user", "content": [
				{"type": "text", "text": "What is this?"},
				{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "`+secretPixels+`"}}
			]},
			{"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "look", "input": {"zoom": 2}}]},
			{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "a pixel"}]}
		]}`), &req); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	a := attrs(tel.span(t, "chat claude-sonnet-4-20250514"))
	in := a["gen_ai.input.messages"].AsString()
	if strings.Contains(in, secretPixels) {
		t.Fatalf("input messages carry the image data: %s", in)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatalf("input messages are not JSON: %v\n%s", err, in)
	}
	want := []map[string]any{
		{"role": "user", "parts": []any{
			map[string]any{"type": "text", "content": "What is this?"},
			map[string]any{"type": "blob", "modality": "image", "mime_type": "image/png", "content": "[60 bytes of base64 elided]"},
		}},
		{"role": "assistant", "parts": []any{
			map[string]any{"type": "tool_call", "id": "toolu_1", "name": "look", "arguments": map[string]any{"zoom": 2.0}},
		}},
		{"role": "user", "parts": []any{
			map[string]any{"type": "tool_call_response", "id": "toolu_1", "response": "a pixel"},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("input messages (-want +got):\n%s", diff)
	}
	if sys := a["gen_ai.system_instructions"].AsString(); sys != `[{"content":"Be brief.","type":"text"}]` {
		t.Errorf("system instructions %s", sys)
	}
	var out []map[string]any
	if err := json.Unmarshal([]byte(a["gen_ai.output.messages"].AsString()), &out); err != nil {
		t.Fatalf("output messages are not JSON: %v", err)
	}
	if len(out) != 1 || out[0]["role"] != "assistant" || out[0]["finish_reason"] != "max_tokens" {
		t.Fatalf("output messages %v", out)
	}
	parts := out[0]["parts"].([]any)
	if len(parts) != 1 || parts[0].(map[string]any)["type"] != "text" ||
		!strings.HasPrefix(parts[0].(map[string]any)["content"].(string), "A **system** is an organized collection") {
		t.Errorf("output parts %v", parts)
	}
}

// TestContentOffByDefault: without the option or the environment variable,
// no content reaches the span.
func TestContentOffByDefault(t *testing.T) {
	t.Setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "false")
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "msg-prompt-cache-read"))
	c := newClient(t, srv.URL, tel.option(false))
	if _, err := c.Messages.Create(context.Background(), request(t, "msg-prompt-cache-read")); err != nil {
		t.Fatal(err)
	}
	for _, kv := range tel.span(t, "chat claude-sonnet-4-20250514").Attributes() {
		if strings.HasPrefix(string(kv.Key), "gen_ai.input") || strings.HasPrefix(string(kv.Key), "gen_ai.output") || kv.Key == "gen_ai.system_instructions" {
			t.Errorf("content attribute %s recorded with capture off", kv.Key)
		}
	}
}

// TestContentFromEnv: the conventions' environment variable turns capture on.
func TestContentFromEnv(t *testing.T) {
	t.Setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "msg-prompt-cache-read"))
	c := newClient(t, srv.URL, tel.option(false))
	if _, err := c.Messages.Create(context.Background(), request(t, "msg-prompt-cache-read")); err != nil {
		t.Fatal(err)
	}
	if _, ok := attrs(tel.span(t, "chat claude-sonnet-4-20250514"))["gen_ai.input.messages"]; !ok {
		t.Error("the environment variable did not turn capture on")
	}
}

// TestContentCaptureStream: a streamed reply's content reaches
// gen_ai.output.messages as Create's does, from the Message the stream
// accumulated (the same value Stream.Message returns), not from a copy of
// the body; a stream that did not complete records none.
func TestContentCaptureStream(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "stream-text"))
	c := newClient(t, srv.URL, tel.option(true))
	s, err := c.Messages.Stream(context.Background(), request(t, "stream-text"))
	if err != nil {
		t.Fatal(err)
	}
	if err := drain(s); err != nil {
		t.Fatal(err)
	}
	text := s.Message().Text()
	if text == "" {
		t.Fatal("the recorded stream has no text; the test proves nothing")
	}
	var out []map[string]any
	if err := json.Unmarshal([]byte(attrs(tel.span(t, streamSpan))["gen_ai.output.messages"].AsString()), &out); err != nil {
		t.Fatalf("output messages are not JSON: %v", err)
	}
	want := []map[string]any{{"role": "assistant", "finish_reason": "end_turn",
		"parts": []any{map[string]any{"type": "text", "content": text}}}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output messages (-want +got):\n%s", diff)
	}

	// Abandoned after the first event: no output recorded.
	tel2 := newTelemetry(t)
	c2 := newClient(t, srv.URL, tel2.option(true))
	s2, err := c2.Messages.Stream(context.Background(), request(t, "stream-text"))
	if err != nil {
		t.Fatal(err)
	}
	s2.Next()
	s2.Close()
	if _, ok := attrs(tel2.span(t, streamSpan))["gen_ai.output.messages"]; ok {
		t.Error("an abandoned stream recorded output messages")
	}
}

package emulator

import (
	"testing"
)

// EchoResponder calls a tool exactly when the README and the package doc
// say: tool_choice any or tool, or a prompt that names an offered tool or
// asks to use one; offering tools alone, or tool_choice none, gets the echo.
func TestEchoResponderToolUseRule(t *testing.T) {
	t.Parallel()
	tools := []ToolDef{{Name: "get_weather", InputSchema: []byte(`{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}`)}}
	for _, tc := range []struct {
		name, prompt, choice string
		tools                []ToolDef
		want                 string // the tool called, or "" for none
	}{
		{"no tools", "use a tool please", "", nil, ""},
		{"tools offered alone", "What is the weather in Paris?", "", tools, ""},
		{"tool_choice auto", "What is the weather in Paris?", "auto", tools, ""},
		{"tool_choice any", "What is the weather in Paris?", "any", tools, "get_weather"},
		{"tool_choice tool", "Hi", "tool", tools, "get_weather"},
		{"prompt names the tool", "Call get_weather for Paris", "", tools, "get_weather"},
		{"prompt asks for a tool", "Please use a tool", "", tools, "get_weather"},
		{"tool_choice none", "Call get_weather for Paris", "none", tools, ""},
	} {
		req := &Request{Tools: tc.tools, ToolChoice: tc.choice, Messages: []Turn{{Role: "user", Text: tc.prompt}}}
		if tc.choice == "tool" {
			req.ToolChoiceName = "get_weather"
		}
		rep := EchoResponder(req)
		got := ""
		if len(rep.ToolCalls) > 0 {
			got = rep.ToolCalls[0].Name
			if string(rep.ToolCalls[0].Input) != `{"city":"emulated-city"}` {
				t.Errorf("%s: input %s", tc.name, rep.ToolCalls[0].Input)
			}
		}
		if got != tc.want {
			t.Errorf("%s: called %q, want %q (text %q)", tc.name, got, tc.want, rep.Text)
		}
	}
}

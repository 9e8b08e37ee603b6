package emulator

import (
	"testing"

	"github.com/claudego/claude/tools/internal/spec"
)

// TestResponsesMatchSpec checks everything the emulator answers against the
// response schemas of the spec it validates requests with: no invalid
// responses, and no drift (fields the spec does not describe).
func TestResponsesMatchSpec(t *testing.T) {
	t.Parallel()
	sp, err := spec.LoadData(EmbeddedSpec())
	if err != nil {
		t.Fatal(err)
	}
	srv := setup(t, Config{})
	tools := `"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],`
	thinking := `"thinking":{"type":"enabled","budget_tokens":1024},`
	msg := func(extra string) string {
		return `{"model":"claude-haiku-4-5","max_tokens":2048,` + extra + `"messages":[{"role":"user","content":"hello, use get_weather"}]}`
	}
	batch := getBatch(t, srv, "POST", "/v1/messages/batches", batchBody)
	fileID, err := srv.Handler().AddFile("out.csv", "text/csv", []byte("a,b\n1,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	beta := []string{"anthropic-beta", FilesBeta}
	cases := []struct {
		name, method, path, specPath, body string
		headers                            []string
	}{
		{"message", "POST", "/v1/messages", "", msg(""), nil},
		{"message tool use thinking", "POST", "/v1/messages", "", msg(tools + thinking), nil},
		{"stream", "POST", "/v1/messages", "", msg(`"stream":true,`), nil},
		{"stream tool use thinking", "POST", "/v1/messages", "", msg(`"stream":true,` + tools + thinking), nil},
		{"stream error event", "POST", "/v1/messages", "", msg(`"stream":true,`), []string{HeaderFault, "error-event;after=4"}},
		{"stop sequence", "POST", "/v1/messages", "", `{"model":"claude-haiku-4-5","max_tokens":100,"stop_sequences":["welcome"],"messages":[{"role":"user","content":"hello"}]}`, nil},
		{"invalid request", "POST", "/v1/messages", "", `{"max_tokens":1}`, nil},
		{"overloaded", "POST", "/v1/messages", "", msg(""), []string{HeaderFault, "status=529"}},
		{"count tokens", "POST", "/v1/messages/count_tokens", "", `{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}`, nil},
		{"models", "GET", "/v1/models?limit=3", "/v1/models", "", nil},
		{"model", "GET", "/v1/models/claude-haiku-4-5", "/v1/models/{model_id}", "", nil},
		{"model not found", "GET", "/v1/models/nope", "/v1/models/{model_id}", "", nil},
		{"batch get", "GET", "/v1/messages/batches/" + batch.ID, "/v1/messages/batches/{message_batch_id}", "", nil},
		{"batch results", "GET", "/v1/messages/batches/" + batch.ID + "/results", "/v1/messages/batches/{message_batch_id}/results", "", nil},
		{"batch list", "GET", "/v1/messages/batches", "", "", nil},
		{"file get", "GET", "/v1/files/" + fileID, "/v1/files/{file_id}", "", beta},
		{"file list", "GET", "/v1/files?limit=5", "/v1/files", "", beta},
		{"file download", "GET", "/v1/files/" + fileID + "/content", "/v1/files/{file_id}/content", "", beta},
		{"file not found", "GET", "/v1/files/file_nope", "/v1/files/{file_id}", "", beta},
		{"file delete", "DELETE", "/v1/files/" + fileID, "/v1/files/{file_id}", "", beta},
	}
	for _, tc := range cases {
		resp, body := call(t, srv, tc.method, tc.path, tc.body, tc.headers...)
		p := tc.specPath
		if p == "" {
			p = tc.path
		}
		for _, f := range sp.ValidateResponse(tc.method, p, resp.StatusCode, resp.Header, body) {
			t.Errorf("%s: %s", tc.name, f)
		}
	}
}

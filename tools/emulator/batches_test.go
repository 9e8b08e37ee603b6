package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

type batchView struct {
	ID               string         `json:"id"`
	Type             string         `json:"type"`
	ProcessingStatus string         `json:"processing_status"`
	RequestCounts    map[string]int `json:"request_counts"`
	ResultsURL       *string        `json:"results_url"`
	EndedAt          *string        `json:"ended_at"`
}

func getBatch(t *testing.T, srv *Server, method, path, body string) batchView {
	t.Helper()
	resp, raw := call(t, srv, method, path, body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	var b batchView
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

const batchBody = `{"requests":[` +
	`{"custom_id":"a","params":{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}},` +
	`{"custom_id":"b","params":{"model":"claude-nope","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}}]}`

func TestBatchLifecycle(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	b := getBatch(t, srv, "POST", "/v1/messages/batches", batchBody)
	if !strings.HasPrefix(b.ID, "msgbatch_emu_") || b.Type != "message_batch" || b.ProcessingStatus != "in_progress" || b.RequestCounts["processing"] != 2 || b.ResultsURL != nil {
		t.Fatalf("created: %+v", b)
	}
	b = getBatch(t, srv, "GET", "/v1/messages/batches/"+b.ID, "")
	if b.ProcessingStatus != "ended" || b.RequestCounts["succeeded"] != 1 || b.RequestCounts["errored"] != 1 || b.ResultsURL == nil || b.EndedAt == nil {
		t.Fatalf("retrieved: %+v", b)
	}
	resp, raw := call(t, srv, "GET", "/v1/messages/batches/"+b.ID+"/results", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-jsonl" {
		t.Fatalf("results: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"custom_id":"a","result":{"type":"succeeded","message":{`) ||
		!strings.Contains(lines[1], `"type":"errored","error":{"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}`) {
		t.Fatalf("results:\n%s", raw)
	}

	var list struct {
		Data    []batchView `json:"data"`
		HasMore bool        `json:"has_more"`
	}
	_, raw = call(t, srv, "GET", "/v1/messages/batches?limit=10", "")
	if err := json.Unmarshal(raw, &list); err != nil || len(list.Data) != 1 || list.Data[0].ID != b.ID {
		t.Fatalf("list: %s", raw)
	}

	resp, raw = call(t, srv, "DELETE", "/v1/messages/batches/"+b.ID, "")
	if resp.StatusCode != 200 || string(raw) != `{"id":"`+b.ID+`","type":"message_batch_deleted"}` {
		t.Fatalf("delete: %d %s", resp.StatusCode, raw)
	}
	resp, raw = call(t, srv, "GET", "/v1/messages/batches/"+b.ID, "")
	wantAPIError(t, resp, raw, 404, "not_found_error", b.ID)
}

func TestBatchCancelAndNotReady(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{BatchProcessing: 1 << 40})
	b := getBatch(t, srv, "POST", "/v1/messages/batches", batchBody)
	resp, raw := call(t, srv, "GET", "/v1/messages/batches/"+b.ID+"/results", "")
	wantAPIError(t, resp, raw, 404, "not_found_error", "has no available results")
	resp, raw = call(t, srv, "DELETE", "/v1/messages/batches/"+b.ID, "")
	wantAPIError(t, resp, raw, 400, "invalid_request_error", "cancel it first")

	b = getBatch(t, srv, "POST", "/v1/messages/batches/"+b.ID+"/cancel", "")
	if b.ProcessingStatus != "canceling" {
		t.Fatalf("cancel: %+v", b)
	}
	b = getBatch(t, srv, "GET", "/v1/messages/batches/"+b.ID, "")
	if b.ProcessingStatus != "ended" || b.RequestCounts["canceled"] != 2 {
		t.Fatalf("after cancel: %+v", b)
	}
	_, raw = call(t, srv, "GET", "/v1/messages/batches/"+b.ID+"/results", "")
	if strings.Count(string(raw), `"result":{"type":"canceled"}`) != 2 {
		t.Fatalf("results:\n%s", raw)
	}
}

func TestBatchValidation(t *testing.T) {
	t.Parallel()
	srv := setup(t, Config{})
	resp, raw := call(t, srv, "POST", "/v1/messages/batches", `{"requests":[{"custom_id":"a","params":{"model":"claude-haiku-4-5","messages":[]}}]}`)
	wantAPIError(t, resp, raw, 400, "invalid_request_error", "requests.0.params.max_tokens: Field required")
	resp, raw = call(t, srv, "POST", "/v1/messages/batches", `{"requests":[]}`)
	wantAPIError(t, resp, raw, 400, "invalid_request_error", "requests")
	dup := `{"custom_id":"a","params":{"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"user","content":"x"}]}}`
	resp, raw = call(t, srv, "POST", "/v1/messages/batches", `{"requests":[`+dup+`,`+dup+`]}`)
	wantAPIError(t, resp, raw, 400, "invalid_request_error", "duplicate custom_id")
}

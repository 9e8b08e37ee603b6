package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

func TestBatchSubmitStatusResults(t *testing.T) {
	old := batchPollInterval
	batchPollInterval = time.Millisecond
	t.Cleanup(func() { batchPollInterval = old })
	fake := &batchtest.Server{PollsUntilEnded: 2}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-test-cli", "ANTHROPIC_BASE_URL": srv.URL}

	path := filepath.Join(t.TempDir(), "in.jsonl")
	var b strings.Builder
	for i := range 3 {
		item := client.BatchRequestItem{CustomID: fmt.Sprintf("q%d", i), Params: client.MessageRequest{
			Model: "claude-haiku-4-5", MaxTokens: 32, Messages: []client.MessageParam{client.UserText("hi")},
		}}
		raw, _ := json.Marshal(item)
		b.Write(append(raw, '\n'))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(env, "batch", "submit", path)
	if r.code != 0 {
		t.Fatalf("submit: %d %s", r.code, r.stderr)
	}
	id := strings.TrimSpace(r.stdout)
	if !strings.HasPrefix(id, "msgbatch_") || !strings.Contains(r.stderr, "submitted 3 requests in 1 batches") {
		t.Fatalf("submit stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = runCLI(env, "batch", "status", id)
	if r.code != 0 || !strings.Contains(r.stdout, "in_progress") || !strings.Contains(r.stdout, "processing 3") {
		t.Fatalf("status: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(env, "batch", "results", id)
	if r.code != 0 || !strings.Contains(r.stderr, "100%") || !strings.Contains(r.stderr, "succeeded 3") {
		t.Fatalf("results: %d %q", r.code, r.stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	n := 0
	for sc.Scan() {
		var line client.MessageBatchIndividualResponse
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || !strings.HasPrefix(line.CustomID, "q") {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("%d result lines", n)
	}
	if r := runCLI(env, "batch", "frobnicate", id); r.code != 2 {
		t.Fatalf("bad action: %d", r.code)
	}
}

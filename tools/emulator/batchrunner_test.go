package emulator_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/tools/emulator"
)

// TestBatchRunnerSpooledBodies: the emulator accepts the create bodies the
// batch runner streams from its spool files (a 1 KiB memory limit, so every
// body is read from a file) and answers every request once.
func TestBatchRunnerSpooledBodies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-test-emulator"), client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r, err := batch.New(c, batch.Config{MaxRequests: 40, SpoolDir: dir, SpoolAfter: 1 << 10, PollInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	input := func(yield func(client.BatchRequestItem, error) bool) {
		for i := range 100 {
			item := client.BatchRequestItem{CustomID: fmt.Sprint("e", i), Params: client.MessageRequest{
				Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText(fmt.Sprintf("Say %d", i))},
			}}
			if !yield(item, nil) {
				return
			}
		}
	}
	seen := map[string]string{}
	for res, err := range r.Run(ctx, input) {
		if err != nil {
			t.Fatal(err)
		}
		kind, _ := res.Result.Discriminator()
		seen[res.CustomID] = kind
	}
	if len(seen) != 100 {
		t.Fatalf("%d results, want 100", len(seen))
	}
	for id, kind := range seen {
		if kind != "succeeded" {
			t.Fatalf("%s: %s", id, kind)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("spool files left: %v", left)
	}
}

package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

// htmlRequests yields n requests whose text holds characters encoding/json
// escapes by default, custom_id "h<i>".
func htmlRequests(n int) func(yield func(client.BatchRequestItem, error) bool) {
	return func(yield func(client.BatchRequestItem, error) bool) {
		for i := range n {
			item := client.BatchRequestItem{CustomID: fmt.Sprint("h", i), Params: client.MessageRequest{
				Model: "claude-haiku-4-5", MaxTokens: 16,
				Messages: []client.MessageParam{client.UserText(fmt.Sprintf("is %d < %d && 'a' > \"b\"?", i, i+1))},
			}}
			if !yield(item, nil) {
				return
			}
		}
	}
}

// createEncoding is the body Batches.Create sends for items.
func createEncoding(t *testing.T, items []client.BatchRequestItem) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(client.BatchCreateRequest{Requests: items}); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// TestRunnerSpoolsBodiesAsCreateEncodes: with a memory limit of 300 bytes
// every batch body moves to a file in SpoolDir; each create body is byte for
// byte what Batches.Create would send for the same requests, the spool file
// exists (mode 0600) while its create is in flight, and none is left after.
func TestRunnerSpoolsBodiesAsCreateEncodes(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		var (
			mu     sync.Mutex
			bodies []string
			files  []string
		)
		fake := &batchtest.Server{}
		fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method != http.MethodPost || r.URL.Path != "/v1/messages/batches" {
				return false
			}
			raw, err := io.ReadAll(r.Body)
			if err != nil {
				t.Error(err)
			}
			r.Body = io.NopCloser(bytes.NewReader(raw))
			entries, _ := os.ReadDir(dir)
			mu.Lock()
			bodies = append(bodies, string(raw))
			for _, e := range entries {
				fi, _ := e.Info()
				files = append(files, fmt.Sprintf("%s %v", e.Name(), fi.Mode().Perm()))
			}
			mu.Unlock()
			return false
		}
		r, err := batch.New(newClient(t, fake), batch.Config{MaxRequests: 4, SpoolDir: dir, SpoolAfter: 300})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range r.Run(context.Background(), htmlRequests(10)) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		var items []client.BatchRequestItem
		for item := range htmlRequests(10) {
			items = append(items, item)
		}
		want := []string{createEncoding(t, items[0:4]), createEncoding(t, items[4:8]), createEncoding(t, items[8:10])}
		if n != 10 || len(bodies) != 3 {
			t.Fatalf("%d results, %d creates; want 10 and 3", n, len(bodies))
		}
		for i := range want {
			if bodies[i] != want[i] {
				t.Fatalf("create %d sent\n%s\nCreate would send\n%s", i, bodies[i], want[i])
			}
		}
		if len(files) != 3 {
			t.Fatalf("spool files seen during the creates: %v, want one per create", files)
		}
		for _, f := range files {
			if !bytes.HasSuffix([]byte(f), []byte(" -rw-------")) {
				t.Fatalf("spool file %s, want mode 0600", f)
			}
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Fatalf("spool files left after the run: %v", left)
		}
	})
}

// TestRunnerStopRemovesSpool: a run stopped while a batch is being filled
// (its body spooled, its create waiting for a slot) leaves no file behind.
func TestRunnerStopRemovesSpool(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		fake := &batchtest.Server{PollsUntilEnded: 1 << 30} // the first batch never ends: its slot stays taken
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var once sync.Once
		r, _ := batch.New(newClient(t, fake), batch.Config{
			MaxRequests: 5, MaxInFlight: 1, SpoolDir: dir, SpoolAfter: 100,
			OnProgress: func(p batch.Progress) {
				if p.Batches == 1 {
					once.Do(func() {
						go func() {
							synctest.Wait() // the submitter is blocked on the slot, a spooled body in hand
							if left, _ := os.ReadDir(dir); len(left) != 1 {
								t.Errorf("while waiting for a slot: spool dir holds %v, want one file", left)
							}
							cancel()
						}()
					})
				}
			},
		})
		var got error
		for _, err := range r.Run(ctx, requests(20)) {
			got = err
		}
		if !errors.Is(got, context.Canceled) {
			t.Fatalf("err = %v", got)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Fatalf("spool files left after a stop: %v", left)
		}
	})
}

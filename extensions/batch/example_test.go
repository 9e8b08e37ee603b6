package batch_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

// questions yields the requests of the examples; a real run would read them
// with client.ReadJSONL from a file of any size.
func questions(yield func(client.BatchRequestItem, error) bool) {
	for i := range 5 {
		item := client.BatchRequestItem{
			CustomID: fmt.Sprintf("q%d", i),
			Params: client.MessageRequest{
				Model:     "claude-haiku-4-5",
				MaxTokens: 64,
				Messages:  []client.MessageParam{client.UserText(fmt.Sprintf("What is %d squared?", i))},
			},
		}
		if !yield(item, nil) {
			return
		}
	}
}

// Run splits the requests into batches (two requests each here, to show the
// split), waits for each batch and yields its results keyed by custom_id.
func ExampleRunner_Run() {
	fake := &batchtest.Server{} // stands in for api.anthropic.com
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}

	r, err := batch.New(c, batch.Config{MaxRequests: 2, PollInterval: time.Millisecond})
	if err != nil {
		panic(err)
	}
	var ids []string
	for res, err := range r.Run(context.Background(), questions) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		kind, err := res.Result.Discriminator()
		if err != nil {
			panic(err)
		}
		ids = append(ids, res.CustomID+":"+kind)
	}
	slices.Sort(ids) // results arrive as batches end, in no fixed order
	fmt.Println(ids)
	fmt.Println(len(fake.Batches()), "batches")
	// Output:
	// [q0:succeeded q1:succeeded q2:succeeded q3:succeeded q4:succeeded]
	// 3 batches
}

// New with a state file resumes an interrupted run; OnProgress feeds a
// progress bar.
func ExampleNew() {
	fake := &batchtest.Server{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-ant-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "batch-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	var last batch.Progress
	r, err := batch.New(c, batch.Config{
		StateFile:    filepath.Join(dir, "run.json"),
		PollInterval: time.Millisecond,
		OnProgress:   func(p batch.Progress) { last = p },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, err := range r.Run(context.Background(), questions) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
	}
	fmt.Printf("submitted %d, succeeded %d, delivered %d\n", last.Submitted, last.Succeeded, last.Delivered)
	st, err := batch.LoadState(filepath.Join(dir, "run.json"))
	if err != nil {
		panic(err)
	}
	fmt.Println("batches in state:", len(st.Batches), "done:", st.Batches[0].Done)
	// Output:
	// submitted 5, succeeded 5, delivered 5
	// batches in state: 1 done: true
}

package batch_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

const testKey = "sk-ant-test-batch-runner-0123456789"

func newClient(t testing.TB, h http.Handler) *client.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// requests yields n small valid requests, custom_id "r<i>", in a fixed order.
func requests(n int) iter.Seq2[client.BatchRequestItem, error] {
	return func(yield func(client.BatchRequestItem, error) bool) {
		for i := range n {
			item := client.BatchRequestItem{
				CustomID: fmt.Sprintf("r%d", i),
				Params: client.MessageRequest{
					Model:     "claude-haiku-4-5",
					MaxTokens: 16,
					Messages:  []client.MessageParam{client.UserText(fmt.Sprintf("What is %d + %d?", i, i))},
				},
			}
			if !yield(item, nil) {
				return
			}
		}
	}
}

// clock is an injected Sleep that returns at once and records the waits.
type clock struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	return context.Cause(ctx)
}

func (c *clock) maxWait() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var m time.Duration
	for _, w := range c.waits {
		m = max(m, w)
	}
	return m
}

func TestRunnerSplitsStopsAndResumesExactlyOnce(t *testing.T) {
	t.Parallel()
	const n = 25_000
	fake := &batchtest.Server{PollsUntilEnded: 2, RetryAfter: 10 * time.Second}
	c := newClient(t, fake)
	state := filepath.Join(t.TempDir(), "run.json")
	clk := &clock{}
	cfg := batch.Config{
		MaxRequests: 4000,
		MaxBytes:    400_000, // about 2,600 of these requests: the byte limit binds first
		MaxInFlight: 2,
		StateFile:   state,
		Sleep:       clk.Sleep,
	}
	seen := make(map[string]int, n)

	// First run: stop (ctx) after some batches were submitted and part of
	// the results came back.
	r1, err := batch.New(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var firstErr error
	for res, err := range r1.Run(ctx, requests(n)) {
		if err != nil {
			firstErr = err
			break
		}
		seen[res.CustomID]++
		if len(seen) == 6000 {
			cancel()
		}
	}
	cancel()
	if !errors.Is(firstErr, context.Canceled) {
		t.Fatalf("first run ended with %v, want context.Canceled", firstErr)
	}
	st, err := batch.LoadState(state)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Batches) < 3 || st.Consumed >= n {
		t.Fatalf("state after stop: %d batches, %d consumed", len(st.Batches), st.Consumed)
	}
	firstCount := len(seen)

	// Second run, a new Runner from the state file.
	var last batch.Progress
	cfg.OnProgress = func(p batch.Progress) { last = p }
	r2, err := batch.New(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for res, err := range r2.Run(context.Background(), requests(n)) {
		if err != nil {
			t.Fatal(err)
		}
		seen[res.CustomID]++
		if typ, _ := res.Result.Discriminator(); typ != "succeeded" {
			t.Fatalf("%s: %s", res.CustomID, typ)
		}
	}
	if len(seen) != n {
		t.Fatalf("%d distinct results, want %d (first run gave %d)", len(seen), n, firstCount)
	}
	for id, k := range seen {
		if k != 1 {
			t.Fatalf("%s delivered %d times", id, k)
		}
	}
	batches := fake.Batches()
	total := 0
	for _, b := range batches {
		total += b.Requests
		if b.Requests > cfg.MaxRequests {
			t.Fatalf("batch %s holds %d requests", b.ID, b.Requests)
		}
	}
	if total != n || len(batches) < 9 {
		t.Fatalf("%d requests in %d batches", total, len(batches))
	}
	if last.Submitted != n || last.Succeeded != n || last.Processing != 0 || last.BatchesEnded != len(batches) || last.Batches != len(batches) {
		t.Fatalf("final progress %+v", last)
	}
	if clk.maxWait() < 10*time.Second {
		t.Fatalf("polls never waited the retry-after: max wait %v", clk.maxWait())
	}
	st, _ = batch.LoadState(state)
	for _, b := range st.Batches {
		if !b.Done || b.Delivered != int64(b.Requests) {
			t.Fatalf("final state %+v", b)
		}
	}
	// A third run over the finished state has nothing left to do.
	r3, _ := batch.New(c, cfg)
	for res, err := range r3.Run(context.Background(), requests(n)) {
		t.Fatalf("finished run yielded %v %v", res.CustomID, err)
	}
}

func TestRunnerBreakThenResume(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{}
	c := newClient(t, fake)
	cfg := batch.Config{MaxRequests: 50, StateFile: filepath.Join(t.TempDir(), "s.json"), Sleep: (&clock{}).Sleep}
	seen := map[string]int{}
	for range 4 { // take a few results per run, breaking out of the loop
		r, _ := batch.New(c, cfg)
		k := 0
		for res, err := range r.Run(context.Background(), requests(300)) {
			if err != nil {
				t.Fatal(err)
			}
			seen[res.CustomID]++
			if k++; k == 70 {
				break
			}
		}
	}
	r, _ := batch.New(c, cfg)
	for res, err := range r.Run(context.Background(), requests(300)) {
		if err != nil {
			t.Fatal(err)
		}
		seen[res.CustomID]++
	}
	if len(seen) != 300 {
		t.Fatalf("%d results", len(seen))
	}
	for id, k := range seen {
		if k != 1 {
			t.Fatalf("%s delivered %d times", id, k)
		}
	}
}

func TestRunnerCancelOnStop(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{PollsUntilEnded: 1 << 30}
	c := newClient(t, fake)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	blockingSleep := func(ctx context.Context, d time.Duration) error { <-ctx.Done(); return context.Cause(ctx) }
	r, err := batch.New(c, batch.Config{
		MaxRequests:  10,
		CancelOnStop: true,
		Sleep:        blockingSleep,
		OnProgress: func(p batch.Progress) {
			if p.Batches == 3 {
				cancel()
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got error
	for _, err := range r.Run(ctx, requests(30)) {
		got = err
	}
	if !errors.Is(got, context.Canceled) {
		t.Fatalf("err = %v", got)
	}
	bs := fake.Batches()
	if len(bs) != 3 {
		t.Fatalf("%d batches", len(bs))
	}
	for _, b := range bs {
		if !b.Canceled {
			t.Fatalf("batch %s not canceled", b.ID)
		}
	}
}

func TestRunnerRejectsInvalidRequest(t *testing.T) {
	t.Parallel()
	c := newClient(t, &batchtest.Server{})
	r, _ := batch.New(c, batch.Config{Sleep: (&clock{}).Sleep})
	bad := func(yield func(client.BatchRequestItem, error) bool) {
		for item := range requests(5) {
			if item.CustomID == "r3" {
				item.Params.MaxTokens = 0
			}
			if !yield(item, nil) {
				return
			}
		}
	}
	var got error
	for _, err := range r.Run(context.Background(), bad) {
		got = err
	}
	if !errors.Is(got, client.ErrValidation) || !strings.Contains(got.Error(), "requests[3].params.max_tokens") {
		t.Fatalf("err = %v", got)
	}
	dup := func(yield func(client.BatchRequestItem, error) bool) {
		for item := range requests(3) {
			item.CustomID = "same"
			if !yield(item, nil) {
				return
			}
		}
	}
	for _, err := range r.Run(context.Background(), dup) {
		got = err
	}
	if !errors.Is(got, client.ErrValidation) || !strings.Contains(got.Error(), "requests[1].custom_id") {
		t.Fatalf("dup err = %v", got)
	}
	if _, err := batch.New(c, batch.Config{MaxRequests: client.MaxBatchRequests + 1}); err == nil {
		t.Fatal("New accepted MaxRequests above the API limit")
	}
}

func TestRunnerRetriesThrottledCreate(t *testing.T) {
	t.Parallel()
	var throttled atomic.Int32
	fake := &batchtest.Server{}
	fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPost && r.URL.Path == "/v1/messages/batches" && throttled.Add(1) <= 2 {
			w.Header().Set("retry-after", "7")
			batchtest.WriteError(w, 429, "rate_limit_error", "slow down")
			return true
		}
		return false
	}
	c := newClient(t, fake)
	clk := &clock{}
	r, _ := batch.New(c, batch.Config{Sleep: clk.Sleep})
	n := 0
	for _, err := range r.Run(context.Background(), requests(20)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 20 || clk.maxWait() < 7*time.Second {
		t.Fatalf("%d results, max wait %v", n, clk.maxWait())
	}
}

func TestRunnerPaceAndInFlight(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{}
	c := newClient(t, fake)
	clk := &clock{}
	var maxOpen atomic.Int32
	r, _ := batch.New(c, batch.Config{
		MaxRequests:    5,
		MaxInFlight:    1,
		SubmitInterval: time.Hour, // the fake clock returns at once; the wait is recorded
		Sleep:          clk.Sleep,
		OnProgress: func(p batch.Progress) {
			if open := int32(p.Batches - p.BatchesEnded); open > maxOpen.Load() {
				maxOpen.Store(open)
			}
		},
	})
	n := 0
	for _, err := range r.Run(context.Background(), requests(23)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 23 || len(fake.Batches()) != 5 || maxOpen.Load() != 1 {
		t.Fatalf("%d results, %d batches, %d open at once", n, len(fake.Batches()), maxOpen.Load())
	}
	if clk.maxWait() < 59*time.Minute {
		t.Fatalf("no submit pacing: max wait %v", clk.maxWait())
	}
}

func TestRunnerEveryResultTypeAndProgress(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{Result: func(id string) client.MessageBatchResult {
		var raw string
		switch id[len(id)-1] {
		case '1':
			raw = `{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"bad ` + id + `"}}}`
		case '2':
			raw = `{"type":"expired"}`
		default:
			raw = `{"type":"succeeded","message":{"id":"msg_` + id + `","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}}`
		}
		var r client.MessageBatchResult
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			panic(err)
		}
		return r
	}}
	c := newClient(t, fake)
	dir := t.TempDir()
	var last batch.Progress
	r, _ := batch.New(c, batch.Config{MaxRequests: 7, StateFile: filepath.Join(dir, "state.json"), Sleep: (&clock{}).Sleep,
		OnProgress: func(p batch.Progress) { last = p }})
	kinds := map[string]int{}
	for res, err := range r.Run(context.Background(), requests(30)) {
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := res.Result.Discriminator()
		kinds[typ]++
		if typ == "errored" {
			e, err := res.Result.AsMessageBatchErroredResult()
			if err != nil || e.Error.Error.Message != "bad "+res.CustomID {
				t.Fatalf("%s: %+v %v", res.CustomID, e, err)
			}
		}
	}
	if kinds["errored"] != 3 || kinds["expired"] != 3 || kinds["succeeded"] != 24 {
		t.Fatalf("kinds %v", kinds)
	}
	if last.Errored != 3 || last.Expired != 3 || last.Succeeded != 24 || last.Delivered != 30 || last.Batches != 5 {
		t.Fatalf("progress %+v", last)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "state.json" {
		t.Fatalf("state dir holds %v (temporary files left?)", entries)
	}
}

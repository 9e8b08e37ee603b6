package batch_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
	"github.com/claudego/claude/extensions/internal/pipenet"
)

const testKey = "sk-ant-test-batch-runner-0123456789"

// newClient serves h on an in-memory network (pipenet), so the tests that
// wait run on the bubble's clock under testing/synctest: a poll interval or a
// retry-after passes at once and shows exactly in time.Now.
func newClient(t testing.TB, h http.Handler, opts ...client.Option) *client.Client {
	t.Helper()
	var n pipenet.Network
	u := n.Serve(t, h)
	c, err := client.New(append([]client.Option{client.WithAPIKey(testKey), client.WithBaseURL(u), client.WithHTTPClient(n.Client(t))}, opts...)...)
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

// stamps records when requests matching a method and path prefix arrived,
// on the clock of the handler (the bubble's, under synctest).
type stamps struct {
	mu sync.Mutex
	at map[string][]time.Time
}

// record returns an Intercept that notes each matching request under key(r)
// and lets it through.
func (s *stamps) record(method, prefix string, key func(*http.Request) string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == method && strings.HasPrefix(r.URL.Path, prefix) {
			s.mu.Lock()
			if s.at == nil {
				s.at = map[string][]time.Time{}
			}
			s.at[key(r)] = append(s.at[key(r)], time.Now())
			s.mu.Unlock()
		}
		return false
	}
}

// minGap is the shortest time between two consecutive stamps of one key, and
// how many gaps there were.
func (s *stamps) minGap() (time.Duration, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gap, n := time.Duration(1<<62), 0
	for _, ts := range s.at {
		for i := 1; i < len(ts); i++ {
			gap, n = min(gap, ts[i].Sub(ts[i-1])), n+1
		}
	}
	return gap, n
}

func TestRunnerSplitsStopsAndResumesExactlyOnce(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const n = 25_000
		fake := &batchtest.Server{PollsUntilEnded: 2, RetryAfter: 45 * time.Second} // longer than the 10 s poll interval
		var polls stamps
		fake.Intercept = polls.record(http.MethodGet, "/v1/messages/batches/msgbatch_", func(r *http.Request) string {
			if strings.HasSuffix(r.URL.Path, "/results") {
				return "results"
			}
			return r.URL.Path
		})
		c := newClient(t, fake)
		state := filepath.Join(t.TempDir(), "run.json")
		cfg := batch.Config{
			MaxRequests: 4000,
			MaxBytes:    400_000, // about 2,600 of these requests: the byte limit binds first
			MaxInFlight: 2,
			StateFile:   state,
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

		// Second run, a new Runner from the state file (it polls at once).
		polls.mu.Lock()
		polls.at = nil
		polls.mu.Unlock()
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
		delete(polls.at, "results")
		if gap, n := polls.minGap(); n == 0 || gap < 45*time.Second {
			t.Fatalf("polls of a batch %v apart (%d gaps), want at least the 45s retry-after", gap, n)
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
	})
}

func TestRunnerBreakThenResume(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		fake := &batchtest.Server{}
		c := newClient(t, fake)
		cfg := batch.Config{MaxRequests: 50, StateFile: filepath.Join(t.TempDir(), "s.json")}
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
	})
}

func TestRunnerCancelOnStop(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		fake := &batchtest.Server{PollsUntilEnded: 1 << 30}
		c := newClient(t, fake)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r, err := batch.New(c, batch.Config{
			MaxRequests:  10,
			CancelOnStop: true,
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
	})
}

func TestRunnerRejectsInvalidRequest(t *testing.T) {
	t.Parallel()
	c := newClient(t, &batchtest.Server{})
	r, _ := batch.New(c, batch.Config{})
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

func TestRunnerPaceAndInFlight(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var creates stamps
		fake := &batchtest.Server{}
		fake.Intercept = creates.record(http.MethodPost, "/v1/messages/batches", func(r *http.Request) string {
			if r.URL.Path == "/v1/messages/batches" {
				return "create"
			}
			return "other"
		})
		c := newClient(t, fake)
		var maxOpen atomic.Int32
		r, _ := batch.New(c, batch.Config{
			MaxRequests:    5,
			MaxInFlight:    1,
			SubmitInterval: time.Hour, // an hour of the bubble's clock: it passes at once
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
		delete(creates.at, "other")
		if gap, gaps := creates.minGap(); gaps != 4 || gap < time.Hour {
			t.Fatalf("creates %v apart (%d gaps), want 4 gaps of at least the hour SubmitInterval", gap, gaps)
		}
	})
}

func TestRunnerEveryResultTypeAndProgress(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
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
		r, _ := batch.New(c, batch.Config{MaxRequests: 7, StateFile: filepath.Join(dir, "state.json"),
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
	})
}

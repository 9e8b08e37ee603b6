package batch_test

import (
	"context"
	"iter"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/internal/memtest"
)

// The bulk benchmarks run n requests with the API's real limits (100,000
// requests or 256 MB per batch) end to end over loopback HTTP: validate,
// encode, create, poll, stream and decode results. The fake API runs in a
// child process, and the input iterator shares one message among its
// requests (one allocation each, the custom_id), so the figures are the
// runner's alone. Each reports the peak heap in use seen while running and
// the allocations per request; run one at a time with -benchtime=1x.

// BenchmarkRunner250k: three batches (100k, 100k, 50k) of small requests.
func BenchmarkRunner250k(b *testing.B) { benchRunner(b, sharedRequests(250_000, "What is 2 + 2?")) }

// BenchmarkRunner1M: ten batches of 100,000 small requests.
func BenchmarkRunner1M(b *testing.B) { benchRunner(b, sharedRequests(1_000_000, "What is 2 + 2?")) }

// BenchmarkRunner100kx2KB: 100,000 requests of 2 KB each (one 2,000-byte
// user text), one batch of 200 MB, whose body the runner spools to a file.
func BenchmarkRunner100kx2KB(b *testing.B) {
	benchRunner(b, sharedRequests(100_000, strings.Repeat("Summarize this. ", 125)))
}

func benchRunner(b *testing.B, input iter.Seq2[client.BatchRequestItem, error]) {
	url := startFakeProcess(b)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), client.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	r, err := batch.New(c, batch.Config{PollInterval: time.Millisecond}) // the fake ends a batch on its second poll
	if err != nil {
		b.Fatal(err)
	}
	var peak atomic.Uint64
	var ms runtime.MemStats
	var mallocs uint64
	results := 0
	b.ReportAllocs()
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		stop := memtest.SampleHeap(&peak)
		got := 0
		for _, err := range r.Run(context.Background(), input) {
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		stop()
		runtime.ReadMemStats(&ms)
		mallocs += ms.Mallocs - before
		results += got
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(mallocs)/float64(results), "allocs/request")
}

// sharedRequests yields n requests asking text, custom_id "r<i>"; they
// share one message, built once (client.UserText alone makes about thirty
// allocations, which are the input's cost, not the runner's).
func sharedRequests(n int, text string) iter.Seq2[client.BatchRequestItem, error] {
	msgs := []client.MessageParam{client.UserText(text)}
	return func(yield func(client.BatchRequestItem, error) bool) {
		for i := range n {
			item := client.BatchRequestItem{
				CustomID: "r" + strconv.Itoa(i),
				Params:   client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: msgs},
			}
			if !yield(item, nil) {
				return
			}
		}
	}
}

package batch_test

import (
	"context"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch"
	"github.com/claudego/claude/extensions/batch/batchtest"
	"github.com/claudego/claude/internal/memtest"
)

// BenchmarkRunner250k runs 250,000 requests with the API's real limits
// (three batches: 100k, 100k, 50k) through the fake, end to end over
// loopback HTTP: validate, encode, create, poll, stream and decode results.
// It reports the peak heap seen while running.
func BenchmarkRunner250k(b *testing.B) {
	const n = 250_000
	b.ReportAllocs()
	var peak atomic.Uint64
	for b.Loop() {
		srv := httptest.NewServer(&batchtest.Server{})
		c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		r, err := batch.New(c, batch.Config{PollInterval: time.Millisecond}) // the fake ends a batch on its second poll
		if err != nil {
			b.Fatal(err)
		}
		stop := memtest.SampleHeap(&peak)
		got := 0
		for _, err := range r.Run(context.Background(), requests(n)) {
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		stop()
		srv.Close()
		if got != n {
			b.Fatalf("%d results", got)
		}
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

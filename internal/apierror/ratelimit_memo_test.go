package apierror

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestParseRateLimitMemoAcrossCalls: calls from several goroutines, each
// going through replies whose values change (remaining counts, a reset
// second, a limit) and back, read every reply as the reference does: a
// memo left by one reply, or by another goroutine's, never stands for a
// value it does not hold.
func TestParseRateLimitMemoAcrossCalls(t *testing.T) {
	t.Parallel()
	replies := make([]http.Header, 6)
	for i := range replies {
		h := realisticHeader()
		h.Set("anthropic-ratelimit-requests-remaining", strconv.Itoa(3999-i))
		h.Set("anthropic-ratelimit-tokens-reset", "2026-11-30T18:00:0"+strconv.Itoa(i%3)+"Z")
		if i%2 == 1 {
			h.Set("anthropic-ratelimit-input-tokens-limit", "5000")
			h.Set("anthropic-ratelimit-output-tokens-remaining", "x")
		}
		replies[i] = h
	}
	replies = append(replies, http.Header{"Anthropic-Ratelimit-Requests-Remaining": {"7"}}, http.Header{})
	now := time.Now()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				h := replies[(i*(g+1))%len(replies)]
				got, want := ParseRateLimit(h), referenceRateLimit(h, now)
				if got != want {
					t.Errorf("reply %v:\n got %+v\nwant %+v", h, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

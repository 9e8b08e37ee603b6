package ratelimit

import "time"

// bucket is a token bucket that may go into debt: a reservation takes its
// tokens at once and reports how long until the balance is back to zero, so
// concurrent waiters queue fairly (as golang.org/x/time/rate reservations
// do). refund gives tokens back (a cancelled wait, or a correction after the
// real usage is known).
type bucket struct {
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(perMinute int, now time.Time) *bucket {
	if perMinute <= 0 {
		return nil
	}
	return &bucket{rate: float64(perMinute) / 60, burst: float64(perMinute), tokens: float64(perMinute), last: now}
}

func (b *bucket) advance(now time.Time) {
	if now.After(b.last) {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
	}
}

// reserve takes n tokens (at most a full bucket) and returns the wait until
// they are covered.
func (b *bucket) reserve(now time.Time, n float64) time.Duration {
	if b == nil || n <= 0 {
		return 0
	}
	b.advance(now)
	b.tokens -= min(n, b.burst)
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// refund returns n tokens (negative n takes more).
func (b *bucket) refund(now time.Time, n float64) {
	if b == nil || n == 0 {
		return
	}
	b.advance(now)
	b.tokens = min(b.burst, b.tokens+n)
}

// available returns the current balance.
func (b *bucket) available(now time.Time) float64 {
	if b == nil {
		return 0
	}
	b.advance(now)
	return b.tokens
}

// serverBucket is what the last response headers said about one limit:
// remaining until reset. Local sends count down remaining until the next
// response corrects it.
type serverBucket struct {
	known     bool
	remaining int64
	reset     time.Time
}

// reserve returns how long to wait before n more units may go: zero when the
// server's count allows them or its window has reset.
func (s *serverBucket) reserve(now time.Time, n int64) time.Duration {
	if !s.known || n <= 0 || !now.Before(s.reset) {
		return 0
	}
	if s.remaining >= n {
		s.remaining -= n
		return 0
	}
	return s.reset.Sub(now)
}

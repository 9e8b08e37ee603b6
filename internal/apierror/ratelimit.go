package apierror

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// MaxRetryAfter is the longest wait ParseRetryAfter reports (24 hours); a
// larger value, or a date further away, is clamped to it. Layers clamp
// further: retry to its Config.MaxRetryAfter, the rate limiter to its
// Config.MaxLearnedWait, the batch runner to its MaxPollInterval.
const MaxRetryAfter = 24 * time.Hour

// clampWait converts v units into a duration in [0, MaxRetryAfter]: NaN,
// infinities and values <= 0 give zero.
func clampWait(v float64, unit time.Duration) time.Duration {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return 0
	}
	if v >= float64(MaxRetryAfter/unit) {
		return MaxRetryAfter
	}
	return time.Duration(v * float64(unit))
}

// clampUntil is the wait from now to t in [0, MaxRetryAfter].
func clampUntil(t, now time.Time) time.Duration {
	if !t.After(now) {
		return 0
	}
	if t.After(now.Add(MaxRetryAfter)) {
		return MaxRetryAfter
	}
	return t.Sub(now)
}

// RateLimitBucket is one family of anthropic-ratelimit-* headers. Known is
// true only when both its remaining count and its reset time parse: a
// bucket with either missing or malformed says nothing a caller may wait on
// (a missing remaining count is not zero). Each field is filled when it
// parses, for display.
type RateLimitBucket struct {
	Known     bool
	Limit     int64
	Remaining int64
	Reset     time.Time
}

// RateLimitInfo is the typed view of every anthropic-ratelimit-* header, and of
// retry-after, on a response or an error.
type RateLimitInfo struct {
	Requests     RateLimitBucket
	Tokens       RateLimitBucket
	InputTokens  RateLimitBucket
	OutputTokens RateLimitBucket
	// RetryAfter is the server's advised wait, zero when absent.
	RetryAfter time.Duration
}

// ParseRateLimit reads the rate-limit headers. Missing or unparsable values
// leave their fields zero, and a bucket is Known only when both its
// remaining count (a non-negative integer) and its reset time (RFC 3339)
// parse; it never fails.
func ParseRateLimit(h http.Header) RateLimitInfo {
	if h == nil {
		return RateLimitInfo{}
	}
	return RateLimitInfo{
		Requests:     parseBucket(h, &bucketKeys[0]),
		Tokens:       parseBucket(h, &bucketKeys[1]),
		InputTokens:  parseBucket(h, &bucketKeys[2]),
		OutputTokens: parseBucket(h, &bucketKeys[3]),
		RetryAfter:   ParseRetryAfter(h, time.Now()),
	}
}

// bucketKeys are the header names of each bucket, canonical (as net/http
// stores them), made once: h[key] then finds exactly what h.Get(key) finds
// without canonicalizing twelve names on every response, which was most of
// what a rate limiter spent per call.
var bucketKeys = func() (keys [4][3]string) {
	for i, b := range [...]string{"requests", "tokens", "input-tokens", "output-tokens"} {
		for j, f := range [...]string{"limit", "remaining", "reset"} {
			keys[i][j] = http.CanonicalHeaderKey("anthropic-ratelimit-" + b + "-" + f)
		}
	}
	return keys
}()

// header is h.Get for a canonical key.
func header(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// parseBucket reads one bucket's headers. An absent header is not parsed:
// strconv and time report it with an error each, allocated, and a reply
// without rate-limit headers (a gateway's, a test server's) would pay
// twelve allocations per response for nothing.
func parseBucket(h http.Header, keys *[3]string) RateLimitBucket {
	var b RateLimitBucket
	if v := header(h, keys[0]); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			b.Limit = n
		}
	}
	remOK := false
	if v := header(h, keys[1]); v != "" {
		rem, err := strconv.ParseInt(v, 10, 64)
		if remOK = err == nil && rem >= 0; remOK {
			b.Remaining = rem
		}
	}
	resetOK := false
	if v := header(h, keys[2]); v != "" {
		reset, err := time.Parse(time.RFC3339, v)
		if resetOK = err == nil; resetOK {
			b.Reset = reset
		}
	}
	b.Known = remOK && resetOK
	return b
}

package apierror

import (
	"math"
	"net/http"
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
	var vals [4][3]string
	found := false // a bucket value is present: a reply without any needs no memo
	var retryMs, retry string
	if len(h) < onePassBelow {
		// A small map (a gateway's reply, a test server's) is read in one
		// pass: looking up fourteen names hashes each, present or not, and
		// that was most of what a rate limiter spent per call. Names match
		// as h[name] matches them: canonical, as net/http stores them.
		for k, v := range h {
			if len(v) == 0 {
				continue
			}
			switch {
			case len(k) > len(rateLimitPrefix) && k[:len(rateLimitPrefix)] == rateLimitPrefix:
				if b, f, ok := bucketField(k[len(rateLimitPrefix):]); ok {
					vals[b][f] = v[0]
					found = found || v[0] != ""
				}
			case k == "Retry-After":
				retry = v[0]
			case k == "Retry-After-Ms":
				retryMs = v[0]
			}
		}
	} else {
		// A reply with the headers (the API's, twenty-odd in all): the
		// lookups find them faster than a walk over the map, whose order
		// is random and whose switch mispredicts (BenchmarkParseRateLimit:
		// 530 ns against 750).
		n := 0
		for i := range bucketKeys {
			k := &bucketKeys[i]
			vals[i] = [3]string{header(h, k[0]), header(h, k[1]), header(h, k[2])}
			n |= len(vals[i][0]) | len(vals[i][1]) | len(vals[i][2])
		}
		found = n != 0
		retryMs, retry = header(h, "Retry-After-Ms"), header(h, "Retry-After")
	}
	var info RateLimitInfo
	if found {
		m := memos.Get().(*valueMemo)
		var last lastReset
		for i, b := range info.buckets() {
			parseBucket(b, &vals[i], &m[i], &last)
		}
		memos.Put(m)
	}
	if retryMs != "" || retry != "" {
		info.RetryAfter = retryAfter(retryMs, retry, time.Now())
	}
	return info
}

// buckets are info's buckets in the order of bucketKeys.
func (info *RateLimitInfo) buckets() [4]*RateLimitBucket {
	return [4]*RateLimitBucket{&info.Requests, &info.Tokens, &info.InputTokens, &info.OutputTokens}
}

// onePassBelow is the size of header map below which ParseRateLimit walks
// the map rather than looking each name up.
const onePassBelow = 12

// bucketKeys are the header names of each bucket, canonical (as net/http
// stores them), made once: h[key] then finds exactly what h.Get(key) finds
// without canonicalizing twelve names on every response.
var bucketKeys = func() (keys [4][3]string) {
	for i, b := range [...]string{"requests", "tokens", "input-tokens", "output-tokens"} {
		for j, f := range [...]string{"limit", "remaining", "reset"} {
			keys[i][j] = http.CanonicalHeaderKey("anthropic-ratelimit-" + b + "-" + f)
		}
	}
	return keys
}()

// rateLimitPrefix begins every bucket header's canonical name.
const rateLimitPrefix = "Anthropic-Ratelimit-"

// bucketField names the bucket (requests, tokens, input, output tokens) and
// the field (limit, remaining, reset) of a canonical header name without
// its rateLimitPrefix; ok false for any other name.
func bucketField(name string) (bucket, field int, ok bool) {
	switch name {
	case "Requests-Limit":
		return 0, 0, true
	case "Requests-Remaining":
		return 0, 1, true
	case "Requests-Reset":
		return 0, 2, true
	case "Tokens-Limit":
		return 1, 0, true
	case "Tokens-Remaining":
		return 1, 1, true
	case "Tokens-Reset":
		return 1, 2, true
	case "Input-Tokens-Limit":
		return 2, 0, true
	case "Input-Tokens-Remaining":
		return 2, 1, true
	case "Input-Tokens-Reset":
		return 2, 2, true
	case "Output-Tokens-Limit":
		return 3, 0, true
	case "Output-Tokens-Remaining":
		return 3, 1, true
	case "Output-Tokens-Reset":
		return 3, 2, true
	}
	return 0, 0, false
}

// header is h.Get for a canonical key.
func header(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// parseBucket reads one bucket's limit, remaining and reset values ("" when
// absent) into b, which is zero. An absent value is not parsed: strconv and
// time report it with an error each, allocated, and a reply without
// rate-limit headers (a gateway's, a test server's) paid twelve allocations
// for nothing. A value equal to the one m holds for its place is m's; any
// other is read (ratelimit_memo.go).
func parseBucket(b *RateLimitBucket, v *[3]string, m *bucketMemo, last *lastReset) {
	limit, remaining, reset := v[0], v[1], v[2]
	if limit != "" {
		if limit != m.limit.s {
			m.limit.read(limit)
		}
		if m.limit.ok {
			b.Limit = m.limit.n
		}
	}
	if remaining != "" {
		if remaining != m.remaining.s {
			m.remaining.read(remaining)
		}
		if m.remaining.ok {
			b.Remaining = m.remaining.n
		}
	}
	if reset != "" {
		if reset != m.reset.s {
			m.reset.read(reset, last)
		}
		if m.reset.ok {
			b.Reset = m.reset.t
		}
	}
	b.Known = remaining != "" && m.remaining.ok && reset != "" && m.reset.ok
}

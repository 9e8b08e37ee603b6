package apierror

import (
	"net/http"
	"strconv"
	"time"
)

// RateLimitBucket is one family of anthropic-ratelimit-* headers. Known is
// false when the response carried none of them.
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
// leave their fields zero; it never fails.
func ParseRateLimit(h http.Header) RateLimitInfo {
	if h == nil {
		return RateLimitInfo{}
	}
	return RateLimitInfo{
		Requests:     parseBucket(h, "anthropic-ratelimit-requests-"),
		Tokens:       parseBucket(h, "anthropic-ratelimit-tokens-"),
		InputTokens:  parseBucket(h, "anthropic-ratelimit-input-tokens-"),
		OutputTokens: parseBucket(h, "anthropic-ratelimit-output-tokens-"),
		RetryAfter:   ParseRetryAfter(h, time.Now()),
	}
}

func parseBucket(h http.Header, prefix string) RateLimitBucket {
	var b RateLimitBucket
	if v := h.Get(prefix + "limit"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			b.Limit, b.Known = n, true
		}
	}
	if v := h.Get(prefix + "remaining"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			b.Remaining, b.Known = n, true
		}
	}
	if v := h.Get(prefix + "reset"); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			b.Reset, b.Known = t, true
		}
	}
	return b
}

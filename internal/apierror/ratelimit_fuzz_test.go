package apierror

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// referenceRateLimit is ParseRateLimit as it was before the one-pass read:
// each of the fourteen names looked up in turn. The fuzz test holds the
// one pass to it.
func referenceRateLimit(h http.Header, now time.Time) RateLimitInfo {
	bucket := func(i int) RateLimitBucket {
		var b RateLimitBucket
		keys := &referenceKeys[i]
		if n, err := strconv.ParseInt(header(h, keys[0]), 10, 64); err == nil && n >= 0 {
			b.Limit = n
		}
		rem, err := strconv.ParseInt(header(h, keys[1]), 10, 64)
		remOK := err == nil && rem >= 0
		if remOK {
			b.Remaining = rem
		}
		reset, err := time.Parse(time.RFC3339, header(h, keys[2]))
		if err == nil {
			b.Reset = reset
		}
		b.Known = remOK && err == nil
		return b
	}
	return RateLimitInfo{
		Requests: bucket(0), Tokens: bucket(1), InputTokens: bucket(2), OutputTokens: bucket(3),
		RetryAfter: ParseRetryAfter(h, now),
	}
}

// referenceKeys are the bucket headers' canonical names, made once as the
// replaced code made them.
var referenceKeys = func() (keys [4][3]string) {
	for i, b := range [...]string{"requests", "tokens", "input-tokens", "output-tokens"} {
		for j, f := range [...]string{"limit", "remaining", "reset"} {
			keys[i][j] = http.CanonicalHeaderKey("anthropic-ratelimit-" + b + "-" + f)
		}
	}
	return keys
}()

// FuzzParseRateLimit: the one pass over the header map reads what looking
// each name up reads, for any header map. The input is lines of
// "name: value"; a line starting with '=' sets the name as given (not
// canonical), as a map literal would; "name:" alone is an empty list.
func FuzzParseRateLimit(f *testing.F) {
	for _, seed := range []string{
		"",
		"anthropic-ratelimit-requests-limit: 50\nanthropic-ratelimit-requests-remaining: 49\nanthropic-ratelimit-requests-reset: 2026-01-01T00:01:00Z",
		"anthropic-ratelimit-tokens-remaining: -1\nanthropic-ratelimit-tokens-reset: 2026-01-01T00:01:00+02:00",
		"anthropic-ratelimit-input-tokens-remaining: 9223372036854775808\nanthropic-ratelimit-input-tokens-reset: x",
		"anthropic-ratelimit-output-tokens-limit: 1e3\nanthropic-ratelimit-output-tokens-remaining: 0\nanthropic-ratelimit-output-tokens-reset: 2026-13-01T00:00:00Z",
		"=anthropic-ratelimit-requests-remaining: 3\n=Anthropic-Ratelimit-Requests-Reset: 2026-01-01T00:01:00Z",
		"Anthropic-Ratelimit-Requests-Remaining:\nretry-after: 2\nretry-after-ms: 1500",
		"retry-after: Thu, 01 Jan 2026 00:00:30 GMT\nretry-after-ms: NaN",
		"=Retry-After: 5\n=retry-after-ms: 7\nanthropic-ratelimit-: 1\nanthropic-ratelimit-requests-limits: 2",
		// onePassBelow names or more: the lookups.
		"a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\n" +
			"anthropic-ratelimit-tokens-remaining: 7\nanthropic-ratelimit-tokens-reset: 2026-01-01T00:01:00Z\n" +
			"=anthropic-ratelimit-requests-remaining: 3\nAnthropic-Ratelimit-Requests-Reset:\nretry-after-ms: 1500",
	} {
		f.Add(seed)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		h := http.Header{}
		for _, line := range strings.Split(in, "\n") {
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			value = strings.TrimSpace(value)
			if raw, isRaw := strings.CutPrefix(name, "="); isRaw {
				h[raw] = append(h[raw], value)
				continue
			}
			if value == "" {
				h[http.CanonicalHeaderKey(name)] = []string{}
				continue
			}
			h.Add(name, value)
		}
		got, want := ParseRateLimit(h), referenceRateLimit(h, now)
		// ParseRateLimit measures an HTTP-date retry-after from its own
		// clock: compare that field only when it is not a date.
		if _, err := http.ParseTime(header(h, "Retry-After")); err == nil {
			got.RetryAfter, want.RetryAfter = 0, 0
		}
		if !got.Requests.Reset.Equal(want.Requests.Reset) || !got.Tokens.Reset.Equal(want.Tokens.Reset) ||
			!got.InputTokens.Reset.Equal(want.InputTokens.Reset) || !got.OutputTokens.Reset.Equal(want.OutputTokens.Reset) {
			t.Fatalf("resets differ:\n got %+v\nwant %+v", got, want)
		}
		for _, p := range []*RateLimitInfo{&got, &want} {
			p.Requests.Reset, p.Tokens.Reset, p.InputTokens.Reset, p.OutputTokens.Reset = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		}
		if got != want {
			t.Fatalf("header %q:\n got %+v\nwant %+v", h, got, want)
		}
	})
}

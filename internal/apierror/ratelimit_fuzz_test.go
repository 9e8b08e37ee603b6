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
	bucket := func(name string) RateLimitBucket {
		var b RateLimitBucket
		key := func(f string) string { return http.CanonicalHeaderKey("anthropic-ratelimit-" + name + "-" + f) }
		if n, err := strconv.ParseInt(header(h, key("limit")), 10, 64); err == nil && n >= 0 {
			b.Limit = n
		}
		rem, err := strconv.ParseInt(header(h, key("remaining")), 10, 64)
		remOK := err == nil && rem >= 0
		if remOK {
			b.Remaining = rem
		}
		reset, err := time.Parse(time.RFC3339, header(h, key("reset")))
		if err == nil {
			b.Reset = reset
		}
		b.Known = remOK && err == nil
		return b
	}
	return RateLimitInfo{
		Requests: bucket("requests"), Tokens: bucket("tokens"),
		InputTokens: bucket("input-tokens"), OutputTokens: bucket("output-tokens"),
		RetryAfter: ParseRetryAfter(h, now),
	}
}

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

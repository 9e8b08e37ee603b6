package apierror_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/claudego/claude/internal/apierror"
)

// TestParseRetryAfterHostile: values that overflowed a time.Duration (or
// turned negative) are rejected or clamped to MaxRetryAfter.
func TestParseRetryAfterHostile(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, value string
		want        time.Duration
	}{
		{"retry-after", "NaN", 0},
		{"retry-after", "+Inf", 0},
		{"retry-after", "-Inf", 0},
		{"retry-after", "-5", 0},
		{"retry-after", "1e10", apierror.MaxRetryAfter},
		{"retry-after", "9223372036", apierror.MaxRetryAfter},
		{"retry-after", "1e300", apierror.MaxRetryAfter},
		{"retry-after", "2.5", 2500 * time.Millisecond},
		{"retry-after", "Fri, 01 Jan 2999 00:00:00 GMT", apierror.MaxRetryAfter},
		{"retry-after", "Thu, 01 Jan 2026 00:00:30 GMT", 30 * time.Second},
		{"retry-after", "Wed, 31 Dec 2025 00:00:00 GMT", 0},
		{"retry-after-ms", "NaN", 0},
		{"retry-after-ms", "Infinity", 0},
		{"retry-after-ms", "1e19", apierror.MaxRetryAfter},
		{"retry-after-ms", "1500", 1500 * time.Millisecond},
	} {
		h := http.Header{}
		h.Set(tc.name, tc.value)
		if got := apierror.ParseRetryAfter(h, now); got != tc.want {
			t.Errorf("%s: %s = %v, want %v", tc.name, tc.value, got, tc.want)
		}
	}
}

// TestParseRateLimitKnownNeedsRemainingAndReset: a bucket missing either
// its remaining count or its reset, or with either malformed, is not Known,
// so no caller waits on it.
func TestParseRateLimitKnownNeedsRemainingAndReset(t *testing.T) {
	t.Parallel()
	const p = "anthropic-ratelimit-requests-"
	reset := "2026-01-01T00:01:00Z"
	for name, hdr := range map[string]map[string]string{
		"no remaining":        {p + "limit": "50", p + "reset": reset},
		"bad remaining":       {p + "limit": "50", p + "remaining": "lots", p + "reset": reset},
		"negative remaining":  {p + "remaining": "-1", p + "reset": reset},
		"no reset":            {p + "limit": "50", p + "remaining": "0"},
		"bad reset":           {p + "remaining": "0", p + "reset": "soon"},
		"limit only":          {p + "limit": "50"},
		"remaining and limit": {p + "limit": "50", p + "remaining": "10"},
	} {
		h := http.Header{}
		for k, v := range hdr {
			h.Set(k, v)
		}
		if b := apierror.ParseRateLimit(h).Requests; b.Known || b.Remaining < 0 {
			t.Errorf("%s: bucket %+v is Known", name, b)
		}
	}
	h := http.Header{}
	h.Set(p+"remaining", "0")
	h.Set(p+"reset", reset)
	if b := apierror.ParseRateLimit(h).Requests; !b.Known || b.Remaining != 0 || b.Reset.IsZero() {
		t.Errorf("complete bucket: %+v", b)
	}
}

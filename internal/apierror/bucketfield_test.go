package apierror

import (
	"net/http"
	"testing"
)

// TestBucketFieldNamesEveryHeader: the one-pass parse finds each of the
// twelve bucket headers by the name net/http stores it under, and no other.
func TestBucketFieldNamesEveryHeader(t *testing.T) {
	t.Parallel()
	for b, bucket := range [...]string{"requests", "tokens", "input-tokens", "output-tokens"} {
		for f, field := range [...]string{"limit", "remaining", "reset"} {
			key := http.CanonicalHeaderKey("anthropic-ratelimit-" + bucket + "-" + field)
			if key[:len(rateLimitPrefix)] != rateLimitPrefix {
				t.Fatalf("%s does not begin with %s", key, rateLimitPrefix)
			}
			gb, gf, ok := bucketField(key[len(rateLimitPrefix):])
			if !ok || gb != b || gf != f {
				t.Errorf("%s: bucket %d field %d ok %v, want %d %d true", key, gb, gf, ok, b, f)
			}
		}
	}
	for _, name := range []string{"", "Requests", "Requests-Limits", "requests-limit", "Tokens-Reset-"} {
		if _, _, ok := bucketField(name); ok {
			t.Errorf("bucketField(%q) matched", name)
		}
	}
}

// TestParseRateLimitMatchesLookups: the one pass reads what h[name] reads,
// a non-canonical name (set on the map directly) included: it is found by
// neither, and an empty value list counts as absent.
func TestParseRateLimitMatchesLookups(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Set("anthropic-ratelimit-tokens-remaining", "7")
	h.Set("anthropic-ratelimit-tokens-reset", "2026-01-01T00:01:00Z")
	h.Set("anthropic-ratelimit-tokens-limit", "9")
	h["anthropic-ratelimit-requests-remaining"] = []string{"3"} // not canonical
	h["Anthropic-Ratelimit-Requests-Reset"] = nil
	h.Set("retry-after", "2")
	info := ParseRateLimit(h)
	if !info.Tokens.Known || info.Tokens.Remaining != 7 || info.Tokens.Limit != 9 || info.Tokens.Reset.Unix() != 1767225660 {
		t.Errorf("tokens = %+v", info.Tokens)
	}
	if info.Requests != (RateLimitBucket{}) {
		t.Errorf("requests = %+v, want nothing (a non-canonical name, an empty list)", info.Requests)
	}
	if info.RetryAfter.Seconds() != 2 {
		t.Errorf("retry after %v, want 2s", info.RetryAfter)
	}
}

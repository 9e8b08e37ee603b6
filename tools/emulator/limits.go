package emulator

import (
	"context"
	"net/http"
	"strconv"
)

// The emulator's bounds. It binds only to loopback, but it is also what
// users run in CI, so no request, and no number of requests, may make it
// allocate or work without bound. Each default can be changed in Config.
//
// What one request may cost while it holds a slot: its body, plus spec
// validation and parsing, measured at about 1 KB per JSON value (a body at
// the value cap, 1.2 MB of small blocks, allocated 112 MB) and about ten
// times the length of long strings (a 4 MB base64 image, 43 MB). With the
// defaults that is at most a few hundred MB per slot, four slots at once.
// Across requests, only MaxStoredBytes of batch results and files are kept.
const (
	// DefaultMaxRequestBytes is the largest request body accepted, the API's
	// limit for Messages (32 MB); a larger one gets 413 request_too_large.
	DefaultMaxRequestBytes = 32 << 20
	// DefaultMaxRequestValues is the most JSON values (objects, arrays and
	// each member or element) a request may hold. Spec validation costs
	// about 1 KB of memory per value (a dense 30 MiB body cost 2.5 GB and
	// 25 s), so the cap keeps one request near 100 MB and a fraction of a
	// second. Long strings such as base64 images cost little and count once.
	DefaultMaxRequestValues = 100000
	// DefaultMaxConcurrent is how many requests are read, validated and
	// answered at once; more wait for a slot.
	DefaultMaxConcurrent = 4
	// DefaultMaxBatches is how many Message Batches are kept.
	DefaultMaxBatches = 1000
	// DefaultMaxStoredBytes bounds what the emulator keeps in memory across
	// requests: the results of kept batches plus the content of stored files.
	DefaultMaxStoredBytes = 256 << 20
)

// withDefaults fills the zero bounds of cfg.
func (cfg *Config) withDefaults() {
	if cfg.MaxRequestBytes <= 0 {
		cfg.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if cfg.MaxRequestValues <= 0 {
		cfg.MaxRequestValues = DefaultMaxRequestValues
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	if cfg.MaxBatches <= 0 {
		cfg.MaxBatches = DefaultMaxBatches
	}
	if cfg.MaxStoredBytes <= 0 {
		cfg.MaxStoredBytes = DefaultMaxStoredBytes
	}
}

// admit waits for one of Config.MaxConcurrent slots. It returns the func
// that frees the slot, or false when ctx ended first (the client went away).
func (h *Handler) admit(ctx context.Context) (release func(), ok bool) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, true
	default:
	}
	h.queued.Add(1)
	defer h.queued.Add(-1)
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, true
	case <-ctx.Done():
		return nil, false
	case <-h.closed:
		return nil, false
	}
}

// active is how many requests hold a slot.
func (h *Handler) active() int { return len(h.slots) }

// waiting is how many requests wait for a slot.
func (h *Handler) waiting() int64 { return h.queued.Load() }

// tooLarge is the API's 413, with the emulator's reason.
func (x *exchange) tooLarge(reason string) *response {
	return x.apiError(http.StatusRequestEntityTooLarge, "request_too_large", "Request exceeds the maximum allowed number of bytes. (emulator: "+reason+")")
}

// checkValues refuses a JSON body with more than Config.MaxRequestValues
// values before it reaches spec validation.
func (x *exchange) checkValues(body []byte) *response {
	limit := x.h.cfg.MaxRequestValues
	if jsonValues(body, limit) > limit {
		return x.tooLarge("the request has more than " + strconv.Itoa(limit) +
			" JSON values, the most the emulator validates (Config.MaxRequestValues)")
	}
	return nil
}

// jsonValues counts the values of a JSON text outside strings: each object
// and array, plus one per comma (every member or element after the first).
// It stops counting once the count passes limit. It does not validate: a
// malformed body is counted as far as it goes and then rejected by
// validation.
func jsonValues(b []byte, limit int) int {
	n := 0
	inString := false
	for i := 0; i < len(b) && n <= limit; i++ {
		c := b[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			n++
		case ',':
			n++
		}
	}
	return n
}

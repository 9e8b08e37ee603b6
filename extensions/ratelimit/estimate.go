package ratelimit

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strconv"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/jsonscan"
)

// estimate returns what a call is expected to take of the token limits:
// its input tokens and its max_tokens. The client's own requests say their
// max_tokens (client.RequestInfoOf), and the default estimate needs only the
// body's length, so the body is read only for a request made elsewhere, or
// for a Config.EstimateInputTokens that reads it. create reports a request
// RequestInfoOf knows as the client's own Messages.Create (false where it
// was not asked).
func (l *Limiter) estimate(req *http.Request) (in, out int, create bool) {
	l.mu.Lock()
	need := l.in != nil || l.out != nil || l.srvIn.known || l.srvOut.known || l.srvTok.known ||
		l.s.Store != nil && (l.s.InputTokensPerMinute > 0 || l.s.OutputTokensPerMinute > 0)
	l.mu.Unlock()
	if !need {
		return 0, 0, false
	}
	if req.Body == nil || req.Body == http.NoBody {
		return 0, 0, false
	}
	info, ok := client.RequestInfoOf(req)
	create = ok && !info.Stream
	if ok && l.s.EstimateInputTokens == nil && req.ContentLength > 0 {
		return lengthEstimate(min(req.ContentLength, maxEstimateBody)), saturatingInt64(info.MaxTokens), create
	}
	in, out = l.estimateFromBody(req)
	return in, out, create
}

// estimateFromBody is estimate reading the body.
func (l *Limiter) estimateFromBody(req *http.Request) (in, out int) {
	if req.GetBody == nil {
		return 0, 0
	}
	rc, err := req.GetBody()
	if err != nil {
		return 0, 0
	}
	defer rc.Close()
	var buf bytes.Buffer
	if n := req.ContentLength; n > 0 && n <= maxEstimateBody {
		buf.Grow(int(n) + bytes.MinRead) // one allocation for a known length
	}
	if _, err := buf.ReadFrom(io.LimitReader(rc, maxEstimateBody)); err != nil {
		return 0, 0
	}
	body := buf.Bytes()
	in = lengthEstimate(int64(len(body)))
	if l.s.EstimateInputTokens != nil {
		in = l.s.EstimateInputTokens(body)
	}
	// Only max_tokens is read, found by the one JSON scanner as
	// encoding/json would match it, without decoding the conversation.
	return in, saturatingInt(maxTokensOf(body))
}

// lengthEstimate is the default input estimate (Config.EstimateInputTokens):
// a token per four bytes of body, at least 1.
func lengthEstimate(n int64) int { return max(1, saturatingInt64(n/4)) }

// maxEstimateBody bounds how much of a request body the estimate reads.
const maxEstimateBody = 64 << 20

// maxTokensOf returns the body's top-level max_tokens as a number literal
// ("" when absent or not a number; a string holding a number counts, as
// encoding/json decodes one into a json.Number).
func maxTokensOf(body []byte) json.Number {
	raw := jsonscan.Field(body, "max_tokens")
	if len(raw) > 0 && raw[0] == '"' {
		s, err := jsonscan.Unquote(raw)
		if err != nil {
			return ""
		}
		return json.Number(s)
	}
	return json.Number(raw)
}

// saturatingInt reads a JSON number as an int, clamping values beyond the
// int range (or non-integers) instead of failing or wrapping: a huge
// max_tokens must cost the token budget a lot, not nothing.
func saturatingInt(n json.Number) int {
	if v, err := strconv.ParseInt(string(n), 10, 0); err == nil {
		return max(int(v), 0)
	}
	f, _ := strconv.ParseFloat(string(n), 64) // ±Inf when out of range
	switch {
	case f >= math.MaxInt:
		return math.MaxInt
	case f > 0:
		return int(f)
	}
	return 0
}

// saturatingInt64 is an int64 as an int, negative as 0, clamped where int
// is narrower.
func saturatingInt64(v int64) int {
	switch {
	case v <= 0:
		return 0
	case uint64(v) > math.MaxInt:
		return math.MaxInt
	}
	return int(v)
}

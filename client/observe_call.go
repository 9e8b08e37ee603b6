package client

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/internal/apierror"
)

// callMeta is what a method knows of its request that observers want in
// CallInfo.
type callMeta struct {
	model  string
	stream bool
	params any
}

// callScope is one observed call: whom to tell, and what the call's events
// share. The call's context carries it (under observersKey) so that the
// layers' Report and the attempt observer find it; it holds no request
// data. A call without observers has none, and costs nothing more.
type callScope struct {
	op       string
	obs      []Observer
	ctx      context.Context // the call's, after every CallStart
	start    time.Time
	attempts atomic.Int32
	ended    atomic.Bool
	debug    bool // a logger at DEBUG: events carry redacted headers
	bodies   bool // and bodies (WithLogBodies)
	content  bool // a ContentObserver wants the reply (Event.Message)
}

// observed reports whether calls made with c have someone to tell.
func (c *config) observed() bool { return len(c.observers) > 0 || c.logger != nil }

// allObservers lists the call's observers in order, the logger last.
func (c *config) allObservers() []Observer {
	if c.logger == nil {
		return c.observers
	}
	return append(c.observers[:len(c.observers):len(c.observers)], c.logger)
}

// startCall runs every observer's CallStart and returns the call's context
// and scope; with no observers (or a nil ctx, which send refuses) it returns
// ctx unchanged and a nil scope, whose methods do nothing.
func (c *config) startCall(ctx context.Context, op string, m callMeta) (context.Context, *callScope) {
	if ctx == nil || !c.observed() {
		return ctx, nil
	}
	sc := &callScope{op: op, obs: c.allObservers(), start: time.Now()}
	if c.logger != nil && c.logger.l.Enabled(ctx, slog.LevelDebug) {
		sc.debug, sc.bodies = true, c.logBodies
	}
	sc.content = wantsContent(sc.obs)
	info := CallInfo{Operation: op, Model: m.model, Stream: m.stream, Params: m.params}
	info.ServerAddress, info.ServerPort = c.serverHost, c.serverPort
	for _, o := range sc.obs {
		ctx = o.CallStart(ctx, info)
	}
	ctx = context.WithValue(ctx, observersKey{}, sc)
	sc.ctx = ctx
	return ctx, sc
}

// emit tells every observer e on the call's context.
func (sc *callScope) emit(e Event) {
	if sc == nil {
		return
	}
	e.Operation = sc.op
	for _, o := range sc.obs {
		o.Observe(sc.ctx, e)
	}
}

// since is the time since the call started.
func (sc *callScope) since() time.Duration { return time.Since(sc.start) }

// end emits call_end once, whatever path ends the call first; Duration is
// the whole call, Status comes from an *APIError when e has none.
func (sc *callScope) end(e Event) {
	if sc == nil || !sc.ended.CompareAndSwap(false, true) {
		return
	}
	e.Kind = EventCallEnd
	e.Duration = sc.since()
	fillFromError(&e)
	if e.ErrorType == "" && e.Err != nil {
		e.ErrorType = ErrorType(e.Err)
	}
	sc.emit(e)
}

// fillFromError takes the status and request-id of an *APIError in e.Err
// when e has none.
func fillFromError(e *Event) {
	var ae *apierror.Error
	if e.Err == nil || !errors.As(e.Err, &ae) {
		return
	}
	if e.Status == 0 {
		e.Status = ae.StatusCode
	}
	if e.RequestID == "" {
		e.RequestID = ae.RequestID
	}
}

// describeReply fills e from a decoded reply the observers care about: a
// Message's usage, stop reason, id and model; a token count's input tokens.
func describeReply(e *Event, v any) {
	switch r := v.(type) {
	case *Message:
		e.ResponseID, e.ResponseModel = r.ID, r.Model
		if r.StopReason != nil {
			e.StopReason = string(*r.StopReason)
		}
		u := r.Usage
		e.Usage.InputTokens, e.Usage.OutputTokens, e.Usage.Reported = u.InputTokens, u.OutputTokens, true
		if u.CacheReadInputTokens != nil {
			e.Usage.CacheReadInputTokens = *u.CacheReadInputTokens
		}
		if u.CacheCreationInputTokens != nil {
			e.Usage.CacheCreationInputTokens = *u.CacheCreationInputTokens
		}
	case *MessageTokensCount:
		e.Usage.InputTokens, e.Usage.Reported = r.InputTokens, true
	}
}

// requestID reads the request-id header by its canonical key: Header.Get
// with "request-id" would canonicalize, and allocate, on every call.
func requestID(h http.Header) string {
	if v := h["Request-Id"]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// serverOf splits a base URL into the host and port CallInfo names (the
// scheme's default port when the URL has none).
func serverOf(base string) (string, int) {
	u, err := url.Parse(base)
	if err != nil {
		return "", 0
	}
	port, _ := strconv.Atoi(u.Port())
	if port == 0 {
		port = 443
		if u.Scheme == "http" {
			port = 80
		}
	}
	return u.Hostname(), port
}

// observeAttempts is the innermost stage of an observed call's pipeline
// (above the transport, below every layer): it reports attempt_start and
// attempt_end for each HTTP attempt, so a retried call shows each one, on
// a context that is a child of the call's. It is installed only when the
// client or the call has observers (ARCHITECTURE.md, Data flow).
func observeAttempts(next http.RoundTripper) http.RoundTripper {
	return RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		sc, _ := req.Context().Value(observersKey{}).(*callScope)
		if sc == nil { // a call of this client made without observers' scope
			return next.RoundTrip(req)
		}
		n := int(sc.attempts.Add(1))
		ctx := req.Context()
		start := Event{Kind: EventAttemptStart, Operation: sc.op, Attempt: n, RequestBytes: req.ContentLength}
		if sc.debug {
			start.Header = redactHeader(req.Header)
			if sc.bodies {
				start.Body = requestBody(req)
			}
		}
		for _, o := range sc.obs {
			if ao, ok := o.(AttemptObserver); ok {
				ctx = ao.AttemptStart(ctx, start)
			} else {
				o.Observe(ctx, start)
			}
		}
		if ctx != req.Context() {
			req = req.WithContext(ctx)
		}
		began := time.Now()
		resp, err := next.RoundTrip(req)
		end := Event{Kind: EventAttemptEnd, Operation: sc.op, Attempt: n, Err: err, Duration: time.Since(began), RequestBytes: req.ContentLength}
		if err != nil {
			end.ErrorType = ErrorType(err)
		}
		if resp != nil {
			end.Status = resp.StatusCode
			if resp.StatusCode >= 400 {
				end.ErrorType = peekErrorType(resp)
			}
			end.RequestID = requestID(resp.Header)
			end.ResponseBytes = resp.ContentLength
			end.RateLimit = parseRateLimit(resp.Header)
			if sc.debug {
				end.Header = redactHeader(resp.Header)
			}
		}
		for _, o := range sc.obs {
			o.Observe(ctx, end)
		}
		return resp, err
	})
}

// requestBody reads a copy of req's body for the logger through GetBody
// (the body itself is the transport's to read), redacted; nil when the body
// cannot be replayed.
func requestBody(req *http.Request) []byte {
	if req.GetBody == nil || req.ContentLength == 0 {
		return nil
	}
	ct := req.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/json") || req.ContentLength > maxBodyToRedact {
		return elided(req.ContentLength, ct)
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxBodyToRedact))
	if err != nil {
		return nil
	}
	return redactBody(ct, b)
}

// maxBodyToRedact bounds what requestBody reads (ARCHITECTURE.md, rule 6);
// a larger JSON body shows as elided.
const maxBodyToRedact = 8 << 20

// parseRateLimit reads the anthropic-ratelimit-*-limit and -remaining
// headers.
func parseRateLimit(h http.Header) RateLimit {
	rl := RateLimit{}
	for _, f := range [...]struct {
		key string
		dst *int64
	}{
		{"Anthropic-Ratelimit-Requests-Limit", &rl.RequestsLimit},
		{"Anthropic-Ratelimit-Requests-Remaining", &rl.RequestsRemaining},
		{"Anthropic-Ratelimit-Tokens-Limit", &rl.TokensLimit},
		{"Anthropic-Ratelimit-Tokens-Remaining", &rl.TokensRemaining},
		{"Anthropic-Ratelimit-Input-Tokens-Limit", &rl.InputTokensLimit},
		{"Anthropic-Ratelimit-Input-Tokens-Remaining", &rl.InputTokensRemaining},
		{"Anthropic-Ratelimit-Output-Tokens-Limit", &rl.OutputTokensLimit},
		{"Anthropic-Ratelimit-Output-Tokens-Remaining", &rl.OutputTokensRemaining},
	} {
		*f.dst = -1
		if v := h[f.key]; len(v) > 0 {
			if n, err := strconv.ParseInt(v[0], 10, 64); err == nil && n >= 0 {
				*f.dst, rl.Known = n, true
			}
		}
	}
	return rl
}

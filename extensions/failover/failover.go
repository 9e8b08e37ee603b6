package failover

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// Endpoint is one place to send requests.
//
// Credentials: an endpoint with neither APIKey, AuthToken nor NoCredential
// receives the client's own credential. Give a gateway that holds its own
// key NoCredential (or its own credential), so the client's key never
// reaches it.
type Endpoint struct {
	// Name labels the endpoint in Status; default its BaseURL.
	Name string
	// BaseURL is the API root, https (plain http only on loopback; no
	// userinfo). It replaces the client's base URL: its scheme, host and
	// path prefix replace everything before the request's /v1/ path, so a
	// client based at https://gw/proxy sends /proxy/v1/messages to it and
	// /v1/messages to an endpoint without that prefix.
	BaseURL string
	// APIKey, when set, replaces the request's credential (x-api-key) for this
	// endpoint.
	APIKey client.Secret
	// AuthToken, when set, replaces the request's credential with
	// Authorization: Bearer for this endpoint.
	AuthToken client.Secret
	// NoCredential sends requests to this endpoint with no credential at
	// all: the client's x-api-key and Authorization are removed. For a
	// gateway that authenticates upstream itself. It cannot be combined
	// with APIKey or AuthToken.
	NoCredential bool
}

// Strategy orders the endpoints for each call.
type Strategy int

const (
	// Priority tries endpoints in the order given (the default).
	Priority Strategy = iota
	// RoundRobin starts each call at the next endpoint.
	RoundRobin
	// Random starts each call at a random endpoint.
	Random
	// Sticky keeps using the endpoint that last succeeded until it fails.
	Sticky
)

// String names the strategy.
func (s Strategy) String() string {
	switch s {
	case Priority:
		return "priority"
	case RoundRobin:
		return "round-robin"
	case Random:
		return "random"
	case Sticky:
		return "sticky"
	}
	return fmt.Sprintf("Strategy(%d)", int(s))
}

// Health is an endpoint's health as seen from outcomes: client.Health, the
// same four states the health checker grades its probes with.
type Health = client.Health

// The states, as failover assigns them.
const (
	// Unknown: not used yet.
	Unknown = client.HealthUnknown
	// Healthy: the last call succeeded (and was not slow).
	Healthy = client.Healthy
	// Degraded: the last call failed but fewer than UnhealthyAfter in a row,
	// or it succeeded slower than SlowAfter.
	Degraded = client.Degraded
	// Unhealthy: UnhealthyAfter failures in a row, or unreachable; skipped
	// until CoolDown passes.
	Unhealthy = client.Unhealthy
)

// Config configures a Router. Only Endpoints is required.
type Config struct {
	// Endpoints, at least one. A request is sent to one of them; on a
	// failure (connection error, timeout, 5xx, 529, 408) the next is tried.
	Endpoints []Endpoint
	// Strategy orders the endpoints. Default Priority.
	Strategy Strategy
	// CoolDown is how long an Unhealthy endpoint is skipped. Default 30 s.
	CoolDown time.Duration
	// UnhealthyAfter is how many consecutive failures (error statuses,
	// timeouts, connections cut) make an endpoint Unhealthy; before that it is
	// Degraded. An endpoint that cannot be reached at all (the dial fails) is
	// Unhealthy at once. Default 3.
	UnhealthyAfter int
	// SlowAfter marks a successful call slower than this Degraded. Zero
	// means never.
	SlowAfter time.Duration
	// MaxAttempts is how many endpoints one call may try; each is tried at
	// most once. Default: all of them.
	MaxAttempts int
	// IsFailure, when set, replaces the default failure classification.
	IsFailure func(resp *http.Response, err error) bool
}

// Status is a snapshot of one endpoint.
type Status struct {
	Name                string
	BaseURL             string
	Health              Health
	ConsecutiveFailures int
	// SkipUntil is when an Unhealthy endpoint may be tried again.
	SkipUntil time.Time
	LastError error
	LastUsed  time.Time
}

type endpoint struct {
	Endpoint
	u *url.URL
	// prefix is u's escaped path without its trailing slashes: what goes
	// before a request's API path.
	prefix string
	// lastPath is the most recent request path rewritten for this endpoint
	// and its result. A client sends the same few paths again and again, so
	// this saves building and unescaping the same strings on each attempt.
	lastPath atomic.Pointer[rewrittenPath]

	health    Health
	failures  int
	skipUntil time.Time
	lastErr   error
	lastUsed  time.Time
}

// Router sends each call to one of several endpoints and fails over on
// failure. Its health state is shared by every call of the clients it is
// installed on; it is safe for concurrent use.
type Router struct {
	s Config

	mu     sync.Mutex
	eps    []*endpoint
	next   int
	sticky int
}

// New returns the option that installs a new router with c in the failover
// slot of the pipeline. A bad c (see NewRouter) fails client.New, or the call
// the option is given to. Use NewRouter(c) instead to keep the *Router and
// read its Status.
func New(c Config) client.Option {
	r, err := NewRouter(c)
	if err != nil {
		return client.InvalidOption(err)
	}
	return r.Option()
}

// Settings is the former name of Config.
//
// Deprecated: use Config.
type Settings = Config

// NewRouter checks s and returns a Router. It fails on no endpoints or a base
// URL that is not https (http is allowed only on loopback).
func NewRouter(s Config) (*Router, error) {
	if len(s.Endpoints) == 0 {
		return nil, errors.New("failover: no endpoints")
	}
	r := &Router{}
	for i, e := range s.Endpoints {
		e.BaseURL = strings.TrimRight(e.BaseURL, "/")
		if err := client.ValidateBaseURL(e.BaseURL); err != nil {
			return nil, fmt.Errorf("failover: endpoint %d: %w", i, err)
		}
		if e.NoCredential && (!e.APIKey.IsZero() || !e.AuthToken.IsZero()) {
			return nil, fmt.Errorf("failover: endpoint %d: NoCredential set together with a credential", i)
		}
		u, _ := url.Parse(e.BaseURL)
		if e.Name == "" {
			e.Name = e.BaseURL
		}
		r.eps = append(r.eps, &endpoint{Endpoint: e, u: u, prefix: strings.TrimRight(u.EscapedPath(), "/")})
	}
	if s.CoolDown <= 0 {
		s.CoolDown = 30 * time.Second
	}
	if s.UnhealthyAfter <= 0 {
		s.UnhealthyAfter = 3
	}
	if s.MaxAttempts <= 0 || s.MaxAttempts > len(r.eps) {
		s.MaxAttempts = len(r.eps)
	}
	r.s = s
	return r, nil
}

// Option installs the router in the failover slot of the pipeline (the
// innermost layer, inside retry), for a client or one call.
func (r *Router) Option() client.Option {
	return client.WithLayer(client.LayerFailover, r.Middleware)
}

// Status returns a snapshot of every endpoint, in the order given.
func (r *Router) Status() []Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Status, len(r.eps))
	for i, e := range r.eps {
		out[i] = Status{Name: e.Name, BaseURL: e.BaseURL, Health: e.health, ConsecutiveFailures: e.failures,
			SkipUntil: e.skipUntil, LastError: e.lastErr, LastUsed: e.lastUsed}
	}
	return out
}

// Middleware wraps next: each attempt goes to one endpoint, rewritten on a
// copy of the request.
func (r *Router) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		// The plan of a call rarely exceeds a few endpoints: this array keeps
		// it off the heap.
		var room [4]int
		order, err := r.plan(room[:0])
		if err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, err
		}
		ctx := req.Context()
		canResend := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
		var lastErr error
		for i, idx := range order {
			ep := r.eps[idx]
			var areq *http.Request
			if i == 0 {
				// A shallow copy that shares the body and, unless rewrite
				// changes the credential, the header: nothing below writes
				// to a request it was handed (the RoundTripper contract), so
				// the deep copy Clone makes of both is not needed.
				areq = req.WithContext(ctx)
			} else {
				areq, err = rtutil.Resend(ctx, req)
				if err != nil {
					return nil, fmt.Errorf("failover: rewinding the body after %v: %w", lastErr, err)
				}
				// The call's observers hear the switch through the client's
				// observer interface (ARCHITECTURE.md, Layers).
				client.Report(ctx, client.Event{Kind: client.EventFailover, Name: ep.Name, From: r.eps[order[i-1]].Name, Err: lastErr})
			}
			rewrite(areq, ep, i > 0)
			start := time.Now()
			resp, err := next.RoundTrip(areq)
			end := time.Now()
			failed := r.failed(resp, err)
			r.record(idx, failed, start, end, resp, err)
			last := i == len(order)-1 || !canResend // a body without GetBody cannot go twice
			if !failed || last || ctx.Err() != nil {
				return resp, err
			}
			if err != nil {
				lastErr = err
			} else {
				lastErr = fmt.Errorf("status %d", resp.StatusCode)
				rtutil.DrainClose(resp.Body)
			}
		}
		return nil, lastErr // unreachable: the last attempt returns
	})
}

func (r *Router) failed(resp *http.Response, err error) bool {
	if r.s.IsFailure != nil {
		return r.s.IsFailure(resp, err)
	}
	return rtutil.Classify(resp, err) == rtutil.Failure
}

// plan appends the usable endpoints for one call, in order, to order.
func (r *Router) plan(order []int) ([]int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var now time.Time // read only when an endpoint is in its cool-down
	n := len(r.eps)
	start := 0
	switch r.s.Strategy {
	case RoundRobin:
		start = r.next % n
		r.next++
	case Random:
		start = rand.IntN(n)
	case Sticky:
		start = r.sticky
	}
	soonest := time.Time{}
	for i := 0; i < n; i++ {
		idx := (start + i) % n
		e := r.eps[idx]
		if e.health == Unhealthy {
			if now.IsZero() {
				now = time.Now()
			}
			if now.Before(e.skipUntil) {
				if soonest.IsZero() || e.skipUntil.Before(soonest) {
					soonest = e.skipUntil
				}
				continue
			}
		}
		order = append(order, idx)
		if len(order) == r.s.MaxAttempts {
			break
		}
	}
	if len(order) == 0 {
		return nil, &NoEndpointError{Until: soonest}
	}
	return order, nil
}

// record updates the endpoint's health from one attempt that ran from start
// to end.
func (r *Router) record(idx int, failed bool, start, end time.Time, resp *http.Response, err error) {
	if err != nil && !failed && rtutil.Classify(resp, err) == rtutil.Ignore {
		return // a cancelled call says nothing about the endpoint
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.eps[idx]
	e.lastUsed = end
	if !failed {
		e.failures = 0
		e.health = Healthy
		if r.s.SlowAfter > 0 && end.Sub(start) > r.s.SlowAfter {
			e.health = Degraded
		}
		if r.s.Strategy == Sticky {
			r.sticky = idx
		}
		return
	}
	e.failures++
	if err != nil {
		e.lastErr = err
	} else {
		e.lastErr = fmt.Errorf("status %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	if e.failures >= r.s.UnhealthyAfter || isDialError(err) {
		e.health = Unhealthy
		e.skipUntil = end.Add(r.s.CoolDown)
	} else {
		e.health = Degraded
	}
	if r.s.Strategy == Sticky && r.sticky == idx {
		r.sticky = (idx + 1) % len(r.eps)
	}
}

// isDialError reports a failure to reach the endpoint at all.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// rewrite points req, a copy of the caller's request, at ep, with ep's
// credential if it has one (client.SetCredential, the one place credentials
// are written). ownHeader says req's header is its own (a Clone); otherwise
// it is the caller's and is copied before a credential is written to it.
func rewrite(req *http.Request, ep *endpoint, ownHeader bool) {
	u := *req.URL
	u.Scheme, u.Host, u.User = ep.u.Scheme, ep.u.Host, nil
	if p := ep.path(req.URL.EscapedPath()); p.ok {
		u.Path, u.RawPath = p.path, p.rawPath
	}
	req.URL = &u
	req.Host = ""
	if !ep.NoCredential && ep.APIKey.IsZero() && ep.AuthToken.IsZero() {
		return
	}
	if !ownHeader {
		req.Header = req.Header.Clone()
	}
	if ep.NoCredential {
		client.SetCredential(req.Header, client.Secret{}, client.Secret{})
	} else {
		client.SetCredential(req.Header, ep.APIKey, ep.AuthToken)
	}
}

// rewrittenPath is a request's escaped path (in) moved under an endpoint's
// prefix: the URL's Path and RawPath, or ok false when the result does not
// unescape (the request's own path is then kept).
type rewrittenPath struct {
	in            string
	path, rawPath string
	ok            bool
}

// path moves the escaped request path esc under ep's prefix, from the cache
// when esc is the path it last moved.
func (ep *endpoint) path(esc string) *rewrittenPath {
	if p := ep.lastPath.Load(); p != nil && p.in == esc {
		return p
	}
	raw := ep.prefix + apiPath(esc)
	p := &rewrittenPath{in: esc, rawPath: raw}
	if unescaped, err := url.PathUnescape(raw); err == nil {
		p.path, p.ok = unescaped, true
	}
	ep.lastPath.Store(p)
	return p
}

// apiPath is the API part of an escaped request path: from its last "/v1/"
// segment (or a final "/v1") on, dropping the client's base path prefix. An
// ID's slashes are escaped (%2F) in the escaped form, so they cannot look
// like a segment. A path without /v1 is kept whole.
func apiPath(escaped string) string {
	if i := strings.LastIndex(escaped, "/v1/"); i >= 0 {
		return escaped[i:]
	}
	if strings.HasSuffix(escaped, "/v1") {
		return "/v1"
	}
	return escaped
}

// NoEndpointError is returned, without I/O, when every endpoint is in its
// cool-down. It matches client.ErrNoEndpoint.
type NoEndpointError struct {
	// Until is when the first endpoint's cool-down ends.
	Until time.Time
}

// Error says when an endpoint becomes usable again.
func (e *NoEndpointError) Error() string {
	return fmt.Sprintf("failover: every endpoint is unhealthy until %s", e.Until.Format(time.RFC3339Nano))
}

// Unwrap returns client.ErrNoEndpoint.
func (e *NoEndpointError) Unwrap() error { return client.ErrNoEndpoint }

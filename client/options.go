package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Option configures a Client (in New) or one call (as the last arguments of a
// service method). Call options apply to a copy of the client's settings, so
// the order is: defaults, then the environment, then client options, then
// call options. An option that gets a bad value makes New (or the call) fail
// before any I/O.
type Option func(*config) error

// config is everything an Option can set. It is copied per call.
type config struct {
	apiKey            Secret
	authToken         Secret
	adminKey          Secret
	credential        credentialKind
	baseURL           string
	httpClient        *http.Client
	header            http.Header
	betas             []string
	timeout           time.Duration
	middleware        []Middleware
	layers            [numLayers]Middleware
	placed            []placed // WithMiddlewareAt, in option order
	skipValidation    bool
	streamIdleTimeout time.Duration
	maxEventSize      int
	maxStreamMessage  int
	maxResponse       int64
	responseInto      **http.Response
	observers         []Observer   // WithObserver, in order
	logger            *logObserver // WithLogger; nil: no logging
	logBodies         bool         // WithLogBodies
	serverHost        string       // baseURL's host and port, for CallInfo
	serverPort        int

	// inNew is set while New applies the client's options, so an option
	// that holds per-call state (CallOnly) can refuse to become a client
	// default.
	inNew bool

	// pipeline is the client's built chain, made once in New; call configs
	// (clones) leave it nil and build their own.
	pipeline *http.Client
}

// clone returns a copy that call options may change freely.
func (c *config) clone() *config {
	cp := *c
	cp.header = c.header.Clone()
	cp.betas = append([]string(nil), c.betas...)
	cp.middleware = append([]Middleware(nil), c.middleware...)
	cp.pipeline = nil
	return &cp
}

func (c *config) apply(opts []Option) error {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(c); err != nil {
			return err
		}
	}
	return nil
}

// WithAPIKey sets the x-api-key credential. It wins over the environment and
// the secret file.
func WithAPIKey(key string) Option {
	return func(c *config) error {
		if strings.TrimSpace(key) == "" {
			return errors.New("claude: WithAPIKey: empty key")
		}
		c.apiKey, c.authToken = NewSecret(key), Secret{}
		return nil
	}
}

// WithAuthToken sets a bearer token (Authorization: Bearer), for OAuth or
// gateways, instead of an API key.
func WithAuthToken(token string) Option {
	return func(c *config) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("claude: WithAuthToken: empty token")
		}
		c.authToken, c.apiKey = NewSecret(token), Secret{}
		return nil
	}
}

// WithBaseURL sets the API root (default https://api.anthropic.com, or
// ANTHROPIC_BASE_URL). Plain http:// is accepted only for loopback hosts.
func WithBaseURL(u string) Option {
	return func(c *config) error {
		if err := checkBaseURL(u); err != nil {
			return err
		}
		c.baseURL = strings.TrimRight(u, "/")
		c.serverHost, c.serverPort = serverOf(c.baseURL) // parsed once, for CallInfo
		return nil
	}
}

// WithHTTPClient sets the http.Client whose Transport ends the pipeline. A
// transport that skips certificate checks or allows TLS below 1.2 is refused.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("claude: WithHTTPClient: nil client")
		}
		if err := checkHTTPClient(hc); err != nil {
			return err
		}
		c.httpClient = hc
		return nil
	}
}

// WithHeader sets a header on every request. Credentials and
// anthropic-version are set by the client and cannot be overridden here.
func WithHeader(name, value string) Option {
	return func(c *config) error {
		switch strings.ToLower(name) {
		case "x-api-key", "authorization":
			return fmt.Errorf("claude: WithHeader: set %s with WithAPIKey, WithAuthToken or WithAdminKey", name)
		case "":
			return errors.New("claude: WithHeader: empty header name")
		}
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Set(name, value)
		return nil
	}
}

// WithBeta adds beta feature names to the anthropic-beta header.
func WithBeta(names ...string) Option {
	return func(c *config) error {
		for _, n := range names {
			n = strings.TrimSpace(n)
			if n == "" {
				return errors.New("claude: WithBeta: empty beta name")
			}
			if !contains(c.betas, n) {
				c.betas = append(c.betas, n)
			}
		}
		return nil
	}
}

// WithTimeout bounds each call, retries included (and, for a stream, the
// whole stream). Zero means no bound beyond the context's.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("claude: WithTimeout: negative duration %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithMiddleware appends user middleware. The first one given is the
// outermost; all of them run after the headers are set and before the opt-in
// reliability layers (see PipelineOrder).
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error {
		for _, m := range mw {
			if m == nil {
				return errors.New("claude: WithMiddleware: nil middleware")
			}
		}
		c.middleware = append(c.middleware, mw...)
		return nil
	}
}

// WithLayer installs mw in one of the fixed reliability slots, replacing what
// was there; nil removes it. The extensions packages build their options on
// it, so each feature lands in its documented place whatever the option order.
func WithLayer(l Layer, mw Middleware) Option {
	return func(c *config) error {
		if l < 0 || l >= numLayers {
			return fmt.Errorf("claude: WithLayer: unknown layer %d", int(l))
		}
		c.layers[l] = mw
		return nil
	}
}

// WithoutValidation turns off client-side request validation.
func WithoutValidation() Option {
	return func(c *config) error { c.skipValidation = true; return nil }
}

// WithStreamIdleTimeout ends a stream with streaming.ErrIdleTimeout when no
// bytes arrive for d. Zero (the default) disables the watchdog. It bounds
// every read of the body, the prelude the retry layer reads included: a
// stall before the first content is a failure the retry layer retries.
func WithStreamIdleTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("claude: WithStreamIdleTimeout: negative duration %v", d)
		}
		c.streamIdleTimeout = d
		return nil
	}
}

// WithMaxEventSize caps one server-sent event (default 32 MiB); a larger event
// ends the stream with streaming.ErrEventTooLarge.
func WithMaxEventSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("claude: WithMaxEventSize: size must be positive, got %d", n)
		}
		c.maxEventSize = n
		return nil
	}
}

// WithMaxStreamMessageSize caps the message a stream accumulates (default
// streaming.DefaultMaxMessageSize, 64 MiB), so a stream that never ends
// cannot grow it without bound; past it the stream ends with
// ErrMessageTooLarge.
func WithMaxStreamMessageSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("claude: WithMaxStreamMessageSize: size must be positive, got %d", n)
		}
		c.maxStreamMessage = n
		return nil
	}
}

// WithMaxResponseSize caps a non-streamed reply body (default
// DefaultMaxResponseSize, 32 MiB); a larger reply fails with a
// *ResponseTooLargeError (ErrResponseTooLarge) without being kept.
func WithMaxResponseSize(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("claude: WithMaxResponseSize: size must be positive, got %d", n)
		}
		c.maxResponse = n
		return nil
	}
}

func (c *config) maxResponseSize() int64 {
	if c.maxResponse > 0 {
		return c.maxResponse
	}
	return DefaultMaxResponseSize
}

// WithResponseInto stores the raw *http.Response of the call in *dst (its body
// already consumed), for headers such as request-id and the rate limits. It
// is a call option: given to New it fails (see CallOnly), since concurrent
// calls would race on *dst.
func WithResponseInto(dst **http.Response) Option {
	return CallOnly("WithResponseInto", func(c *config) error {
		if dst == nil {
			return errors.New("claude: WithResponseInto: nil destination")
		}
		c.responseInto = dst
		return nil
	})
}

// CallOnly marks opt as an option for one call: New fails when given it
// (directly or inside WithOptions), naming it. Options that write into a
// caller's variable use it, because as a client default every concurrent
// call would write the same variable unsynchronized.
func CallOnly(name string, opt Option) Option {
	return func(c *config) error {
		if c.inNew {
			return fmt.Errorf("claude: %s is a call option: pass it to one call, not to New (concurrent calls would race on its destination)", name)
		}
		return opt(c)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// WithOptions bundles several options into one, applied in order; a nil entry
// is skipped. Presets (extensions/preset) are built on it.
func WithOptions(opts ...Option) Option {
	return func(c *config) error { return c.apply(opts) }
}

// InvalidOption returns an option that makes New (or the call it is given to)
// fail with err before any I/O. Extensions whose New checks its Config and
// returns a client.Option (failover.New) report a bad Config this way, so a
// mistake surfaces where options are applied instead of being dropped.
func InvalidOption(err error) Option {
	return func(*config) error { return err }
}

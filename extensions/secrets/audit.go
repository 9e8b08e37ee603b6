package secrets

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
)

// Use is one use of a credential on the wire, for the audit hook. It holds
// no part of the credential.
type Use struct {
	// Hash is Hash(credential).
	Hash string
	// Header is where it went: "x-api-key" or "authorization".
	Header string
	// Host is the server it was sent to.
	Host string
	// Method and Path are the request's.
	Method, Path string
	// Count is how many times this credential has been used through this
	// layer, this use included.
	Count int64
	// Time is when.
	Time time.Time
}

// Config configures the secrets layer. The zero value checks every
// credential's format (refusing malformed ones) and reports a key without
// sk-ant- going to Anthropic's host as an error of the call.
type Config struct {
	// Audit, when set, sees every use of a credential.
	Audit func(Use)
	// OnUnexpectedFormat receives the CheckHost report instead of the call
	// failing with it; set it to log and go on (a key format Anthropic
	// introduced after this version, for example).
	OnUnexpectedFormat func(error)
}

// Auditor is the secrets layer. It is safe for concurrent use.
type Auditor struct {
	s      Config
	mu     sync.Mutex
	counts map[string]int64
}

// New returns the option that installs the secrets layer for c. Use
// NewAuditor to keep the object.
func New(c Config) client.Option { return NewAuditor(c).Option() }

// NewAuditor returns the secrets layer for s.
func NewAuditor(s Config) *Auditor {
	return &Auditor{s: s, counts: map[string]int64{}}
}

// Option installs the layer in the secrets slot (just before the transport).
func (l *Auditor) Option() client.Option {
	return client.WithLayer(client.LayerSecrets, l.Middleware)
}

// Middleware checks the credential each attempt carries, reports it to the
// audit hook, and refuses a malformed one before it is sent.
func (l *Auditor) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		header, value := "x-api-key", req.Header.Get("X-Api-Key")
		if value == "" {
			if a := req.Header.Get("Authorization"); a != "" {
				header, value = "authorization", strings.TrimPrefix(a, "Bearer ")
			}
		}
		if value == "" {
			return next.RoundTrip(req)
		}
		if err := CheckKey(value); err != nil {
			return nil, fmt.Errorf("%s header: %w", header, err)
		}
		if header == "x-api-key" {
			if err := CheckHost(value, req.URL.Host); err != nil {
				if l.s.OnUnexpectedFormat == nil {
					return nil, err
				}
				l.s.OnUnexpectedFormat(err)
			}
		}
		if l.s.Audit != nil {
			h := Hash(value)
			l.mu.Lock()
			l.counts[h]++
			n := l.counts[h]
			l.mu.Unlock()
			l.s.Audit(Use{Hash: h, Header: header, Host: req.URL.Host, Method: req.Method, Path: req.URL.Path, Count: n, Time: time.Now()})
		}
		return next.RoundTrip(req)
	})
}

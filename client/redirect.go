package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ErrRedirectRefused matches a RedirectError: the client refused to follow a
// redirect that would have taken a credential to another origin.
var ErrRedirectRefused = errors.New("claude: redirect refused")

// maxRedirects is net/http's own limit, kept for same-origin redirects.
const maxRedirects = 10

// RedirectError is returned, wrapped in the call's error, when a request
// carrying a credential is redirected to another scheme, host or port. The
// API never redirects; a redirect elsewhere is a misconfigured proxy or an
// attempt to collect the key (Go's own policy would copy x-api-key, and on
// 307/308 the body, to the new host). From and To are shown without any
// userinfo password.
type RedirectError struct {
	From, To string
}

// Error names both origins and the rule.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("claude: refused redirect from %s to %s: a request carrying a credential is redirected only within its own scheme, host and port", e.From, e.To)
}

// Unwrap returns ErrRedirectRefused.
func (e *RedirectError) Unwrap() error { return ErrRedirectRefused }

// CheckRedirect is the redirect policy of every http.Client in this module
// that sends a credential (the client's pipeline, the health checker, the
// contract tool): a request carrying x-api-key or Authorization follows a
// redirect only to the same scheme, host and port as the request first sent
// (so never from https to http), at most 10 times. A request without a
// credential follows net/http's default policy.
func CheckRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("claude: stopped after %d redirects", maxRedirects)
	}
	first := via[0]
	if hasCredential(first.Header) && !SameOrigin(first.URL, req.URL) {
		return &RedirectError{From: origin(first.URL), To: withoutUserinfo(req.URL)}
	}
	return nil
}

// SameOrigin reports whether a and b have the same scheme, host and port
// (an omitted port is the scheme's default) and b carries no userinfo.
func SameOrigin(a, b *url.URL) bool {
	return a != nil && b != nil && b.User == nil &&
		strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// origin is scheme://host of u, the part a RedirectError names.
func origin(u *url.URL) string {
	return (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
}

// chainRedirect runs CheckRedirect, then the caller's own policy if any.
func chainRedirect(own func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	if own == nil {
		return CheckRedirect
	}
	return func(req *http.Request, via []*http.Request) error {
		if err := CheckRedirect(req, via); err != nil {
			return err
		}
		return own(req, via)
	}
}

// SafeHTTPClient returns the http.Client a component outside the pipeline
// (the health checker, the contract tool) should send a credential with:
// a copy of hc (nil means a client over the library's default transport:
// TLS 1.2 minimum) whose redirect policy is CheckRedirect followed by hc's
// own. It refuses hc when WithHTTPClient would (a transport skipping
// certificate checks, allowing TLS below 1.2, or dialing TLS itself).
func SafeHTTPClient(hc *http.Client) (*http.Client, error) {
	if hc == nil {
		return &http.Client{Transport: newDefaultTransport(), CheckRedirect: CheckRedirect}, nil
	}
	if err := checkHTTPClient(hc); err != nil {
		return nil, err
	}
	cp := *hc
	cp.CheckRedirect = chainRedirect(hc.CheckRedirect)
	return &cp, nil
}

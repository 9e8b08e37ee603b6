package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is the public API root.
const DefaultBaseURL = "https://api.anthropic.com"

// newDefaultTransport has http.DefaultTransport's settings with TLS 1.2 as
// the floor. It is built afresh rather than cloned from
// http.DefaultTransport, which other code in the process may have changed
// (a DialTLSContext, a TLS config that skips verification).
func newDefaultTransport() *http.Transport {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// checkBaseURL allows https anywhere and http only on loopback, and refuses
// userinfo (user:password@), which net/http would send as Basic auth beside
// the key and which would show in errors and status pages. Its errors show
// the URL with any password redacted, never the raw string.
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the raw URL, password included
		}
		return fmt.Errorf("claude: base URL is not a valid URL: %w", err)
	}
	shown := withoutUserinfo(u)
	if u.User != nil {
		return fmt.Errorf("claude: base URL %q has userinfo (user:password@): refused, as it would be sent as Basic auth beside the credential; authenticate with WithAPIKey or WithAuthToken", shown)
	}
	if u.Host == "" {
		return fmt.Errorf("claude: base URL %q has no host", shown)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("claude: base URL %q: plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https", shown)
	}
	return fmt.Errorf("claude: base URL %q: scheme must be https (or http on loopback)", shown)
}

// RedactedURL renders raw for display with any userinfo removed (a bare user
// name may itself be a token); a string that does not parse as a URL is
// shown as "[invalid URL]", since it may hold a secret in any position.
func RedactedURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[invalid URL]"
	}
	return withoutUserinfo(u)
}

// withoutUserinfo renders u with no user or password: a bare user name may
// itself be a token, which url.Redacted would still show.
func withoutUserinfo(u *url.URL) string {
	cp := *u
	cp.User = nil
	return cp.String()
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkHTTPClient refuses transports that skip certificate checks, allow
// TLS below 1.2, or dial TLS themselves (DialTLSContext, DialTLS), whose
// settings cannot be checked (ARCHITECTURE.md, rule 5). It checks
// what will really be used: a nil Transport means http.DefaultTransport,
// which other code may have changed. Transports of other types (wrappers)
// cannot be inspected and are the caller's responsibility.
func checkHTTPClient(hc *http.Client) error {
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return nil
	}
	if t.DialTLSContext != nil || t.DialTLS != nil { //nolint:staticcheck // DialTLS is deprecated, still honored
		return errors.New("claude: WithHTTPClient: transport dials TLS itself (DialTLSContext or DialTLS), so its certificate checks cannot be verified; refused")
	}
	if t.TLSClientConfig == nil {
		return nil
	}
	if t.TLSClientConfig.InsecureSkipVerify {
		return errors.New("claude: WithHTTPClient: transport skips certificate verification (InsecureSkipVerify); refused")
	}
	if v := t.TLSClientConfig.MinVersion; v != 0 && v < tls.VersionTLS12 {
		return errors.New("claude: WithHTTPClient: transport allows TLS below 1.2; refused")
	}
	return nil
}

// ValidateBaseURL reports whether u is an acceptable API root: https
// anywhere, plain http only on loopback hosts (ARCHITECTURE.md, rule 5). WithBaseURL
// and the failover extension use it.
func ValidateBaseURL(u string) error { return checkBaseURL(u) }

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

// newDefaultTransport is http.DefaultTransport's settings with TLS 1.2 as the
// floor and a bounded wait for response headers on dial.
func newDefaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	t.ForceAttemptHTTP2 = true
	t.MaxIdleConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// checkBaseURL allows https anywhere and http only on loopback.
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("claude: base URL %q: %w", raw, err)
	}
	if u.Host == "" {
		return fmt.Errorf("claude: base URL %q has no host", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("claude: base URL %q: plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https", raw)
	}
	return fmt.Errorf("claude: base URL %q: scheme must be https (or http on loopback)", raw)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkHTTPClient refuses transports that skip certificate checks or allow
// TLS below 1.2 (ARCHITECTURE.md, rule 5). Transports it cannot inspect are the
// caller's responsibility.
func checkHTTPClient(hc *http.Client) error {
	t, ok := hc.Transport.(*http.Transport)
	if !ok || t.TLSClientConfig == nil {
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

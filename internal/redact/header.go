package redact

import (
	"net/http"
	"strings"
)

// Redacted is what stands in for a credential.
const Redacted = "[REDACTED]"

// IsCredentialHeader reports whether a header may carry a credential:
// cookies, and any header whose name says key, auth, token, secret, cookie
// or signature (x-api-key, authorization, proxy-authorization, ...). Every
// log line and dump that shows headers hides these (ARCHITECTURE.md, rule 4).
func IsCredentialHeader(name string) bool {
	n := strings.ToLower(name)
	for _, w := range [...]string{"key", "auth", "token", "secret", "cookie", "signature"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Header returns a copy of h whose credential headers read Redacted.
func Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		if IsCredentialHeader(k) {
			out[k] = []string{Redacted}
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}

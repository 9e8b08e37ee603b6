package client

import "net/http"

// SetCredential is the one place a credential is written on a request:
// x-api-key for apiKey, else Authorization: Bearer for authToken. It removes
// the other header, and both when both are zero, so a request meant for an
// endpoint that must not see the client's key (a gateway holding its own)
// carries none. The client's header stage, failover and the health checker
// all call it.
func SetCredential(h http.Header, apiKey, authToken Secret) {
	// Canonical keys written directly: Header.Set would canonicalize (and
	// allocate) on every request.
	switch {
	case !apiKey.IsZero():
		delete(h, "Authorization")
		h["X-Api-Key"] = []string{apiKey.Reveal()}
	case !authToken.IsZero():
		delete(h, "X-Api-Key")
		h["Authorization"] = []string{"Bearer " + authToken.Reveal()}
	default:
		delete(h, "X-Api-Key")
		delete(h, "Authorization")
	}
}

// hasCredential reports whether h carries a credential SetCredential writes.
func hasCredential(h http.Header) bool {
	return len(h["X-Api-Key"]) > 0 || len(h["Authorization"]) > 0
}

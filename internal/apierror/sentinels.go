package apierror

import "errors"

// Sentinels for errors.Is. An *Error matches the sentinel of its status code and
// of its error type; errors produced by the client and the extensions match the
// sentinel of their kind.
var (
	// ErrBadRequest: 400 or invalid_request_error.
	ErrBadRequest = errors.New("claude: bad request")
	// ErrAuthentication: 401 or authentication_error.
	ErrAuthentication = errors.New("claude: authentication failed")
	// ErrPermission: 403 or permission_error.
	ErrPermission = errors.New("claude: permission denied")
	// ErrNotFound: 404 or not_found_error.
	ErrNotFound = errors.New("claude: not found")
	// ErrRequestTooLarge: 413 or request_too_large.
	ErrRequestTooLarge = errors.New("claude: request too large")
	// ErrRateLimited: 429 or rate_limit_error.
	ErrRateLimited = errors.New("claude: rate limited")
	// ErrServer: a 5xx other than 529, or api_error.
	ErrServer = errors.New("claude: server error")
	// ErrOverloaded: 529 or overloaded_error, including mid-stream.
	ErrOverloaded = errors.New("claude: overloaded")
	// ErrTimeout: 504 or timeout_error.
	ErrTimeout = errors.New("claude: timeout")
	// ErrBilling: billing_error.
	ErrBilling = errors.New("claude: billing error")

	// ErrValidation: the request failed client-side validation; nothing was sent.
	ErrValidation = errors.New("claude: invalid request")
	// ErrStreamingRequired: a non-streaming request whose max_tokens implies more
	// than ten minutes of generation, sent without a timeout.
	ErrStreamingRequired = errors.New("claude: streaming is required for this request")
	// ErrCircuitOpen: a circuit breaker refused the call without sending it.
	ErrCircuitOpen = errors.New("claude: circuit open")
	// ErrRetriesExhausted: every retry attempt failed.
	ErrRetriesExhausted = errors.New("claude: retries exhausted")
	// ErrRateLimitWait: a client-side rate limiter would have to wait past the
	// deadline, or was told to reject instead of wait.
	ErrRateLimitWait = errors.New("claude: rate limit wait exceeds deadline")
	// ErrNoEndpoint: failover found no endpoint it may use.
	ErrNoEndpoint = errors.New("claude: no healthy endpoint")
)

// statusSentinel maps an HTTP status to its sentinel, or nil.
func statusSentinel(status int) error {
	switch {
	case status == 400:
		return ErrBadRequest
	case status == 401:
		return ErrAuthentication
	case status == 403:
		return ErrPermission
	case status == 404:
		return ErrNotFound
	case status == 413:
		return ErrRequestTooLarge
	case status == 429:
		return ErrRateLimited
	case status == 529:
		return ErrOverloaded
	case status == 504:
		return ErrTimeout
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

// typeSentinel maps an API error type to its sentinel, or nil.
func typeSentinel(typ string) error {
	switch typ {
	case "invalid_request_error":
		return ErrBadRequest
	case "authentication_error":
		return ErrAuthentication
	case "permission_error":
		return ErrPermission
	case "not_found_error":
		return ErrNotFound
	case "request_too_large":
		return ErrRequestTooLarge
	case "rate_limit_error":
		return ErrRateLimited
	case "api_error":
		return ErrServer
	case "overloaded_error":
		return ErrOverloaded
	case "timeout_error":
		return ErrTimeout
	case "billing_error":
		return ErrBilling
	}
	return nil
}

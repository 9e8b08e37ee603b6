package client

import (
	"net/http"

	"github.com/claudego/claude/client/apierror"
)

// APIError is every error the API reports; see apierror.Error.
type APIError = apierror.Error

// RateLimitInfo is the typed view of the anthropic-ratelimit-* headers.
type RateLimitInfo = apierror.RateLimitInfo

// RateLimitBucket is one family of rate-limit headers.
type RateLimitBucket = apierror.RateLimitBucket

// ParseRateLimit reads the rate-limit headers (anthropic-ratelimit-*) of any
// response, successful or not; a header that is absent or unparsable leaves
// its field zero. APIError.RateLimit gives the same for an error response.
func ParseRateLimit(h http.Header) RateLimitInfo { return apierror.ParseRateLimit(h) }

// Sentinels for errors.Is; see package apierror for what each matches.
var (
	ErrBadRequest        = apierror.ErrBadRequest
	ErrAuthentication    = apierror.ErrAuthentication
	ErrPermission        = apierror.ErrPermission
	ErrNotFound          = apierror.ErrNotFound
	ErrRequestTooLarge   = apierror.ErrRequestTooLarge
	ErrRateLimited       = apierror.ErrRateLimited
	ErrServer            = apierror.ErrServer
	ErrOverloaded        = apierror.ErrOverloaded
	ErrTimeout           = apierror.ErrTimeout
	ErrBilling           = apierror.ErrBilling
	ErrValidation        = apierror.ErrValidation
	ErrStreamingRequired = apierror.ErrStreamingRequired
	ErrCircuitOpen       = apierror.ErrCircuitOpen
	ErrRetriesExhausted  = apierror.ErrRetriesExhausted
	ErrRateLimitWait     = apierror.ErrRateLimitWait
	ErrNoEndpoint        = apierror.ErrNoEndpoint
)

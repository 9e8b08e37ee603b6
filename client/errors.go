package client

import (
	"net/http"

	"github.com/claudego/claude/internal/apierror"
	"github.com/claudego/claude/streaming"
)

// APIError is every error the API reports; see apierror.Error.
type APIError = apierror.Error

// RateLimitInfo is the typed view of the anthropic-ratelimit-* headers.
type RateLimitInfo = apierror.RateLimitInfo

// RateLimitBucket is one family of rate-limit headers.
type RateLimitBucket = apierror.RateLimitBucket

// ParseRateLimit reads the anthropic-ratelimit-* headers of any response;
// absent headers leave their fields zero.
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
	ErrDecode            = apierror.ErrDecode
)

// Stream sentinels, re-exported from package streaming so that one import
// branches on every error: a stream cut before message_stop, an event that is
// not the JSON its type requires, no data for WithStreamIdleTimeout, an event
// over WithMaxEventSize, a message over WithMaxStreamMessageSize.
var (
	ErrTruncated       = streaming.ErrTruncated
	ErrMalformedEvent  = streaming.ErrMalformedEvent
	ErrIdleTimeout     = streaming.ErrIdleTimeout
	ErrEventTooLarge   = streaming.ErrEventTooLarge
	ErrMessageTooLarge = streaming.ErrMessageTooLarge
)

// DecodeError is a 2xx response (or a line of one) that could not be
// decoded; it matches ErrDecode. See apierror.DecodeError.
type DecodeError = apierror.DecodeError

// OpError is a non-API error of one operation ("claude: OP: ..."); see
// apierror.OpError.
type OpError = apierror.OpError

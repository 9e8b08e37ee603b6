package ratelimit

import (
	"errors"
	"net/http"

	"github.com/claudego/claude/client"
)

// CaptureInfo returns an option that stores in *dst the rate-limit headers
// of the call's final response (a success, or the *client.APIError it
// became, retries included). Use it as a call option:
//
//	var info client.RateLimitInfo
//	msg, err := c.Messages.Create(ctx, req, ratelimit.CaptureInfo(&info))
//	fmt.Println(info.Requests.Remaining, info.Tokens.Reset)
//
// It needs no Limiter; it is user middleware, so it sees one outcome per call.
// It is a call option only: client.New refuses it, since every concurrent
// call of the client would write *dst unsynchronized.
func CaptureInfo(dst *client.RateLimitInfo) client.Option {
	return client.CallOnly("ratelimit.CaptureInfo", client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			var apiErr *client.APIError
			switch {
			case err == nil:
				*dst = client.ParseRateLimit(resp.Header)
			case errors.As(err, &apiErr):
				*dst = apiErr.RateLimit()
			}
			return resp, err
		})
	}))
}

package apierror

import (
	"net/http"
	"strconv"
	"strings"
)

// ShouldRetryHeader reads the x-should-retry header: nil when absent or not a
// boolean, else its value. Any spelling strconv.ParseBool accepts counts
// ("true", "1", "false", "0"...), so every layer reads "1" the same way.
func ShouldRetryHeader(h http.Header) *bool {
	v := strings.TrimSpace(h.Get("x-should-retry"))
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(strings.ToLower(v))
	if err != nil {
		return nil
	}
	return &b
}

// Retryable reports whether sending the request again may cure this error.
// The server's x-should-retry decides when present. Otherwise a status error
// is retryable for 408, 409, 429 and 5xx (529 included), judged by its status
// alone so that it agrees with the answer for the bare response; a mid-stream
// error event (or an error without a status) by its type: overloaded_error,
// rate_limit_error, api_error and timeout_error. client.Retryable extends
// this answer to every error and response; the retry layer, the circuit
// breaker, failover and the batch runner all use it.
func (e *Error) Retryable() bool {
	if e.ShouldRetry != nil {
		return *e.ShouldRetry
	}
	if !e.MidStream && e.StatusCode != 0 {
		return RetryableStatus(e.StatusCode)
	}
	switch e.Type {
	case "overloaded_error", "rate_limit_error", "api_error", "timeout_error":
		return true
	}
	return false
}

// RetryableStatus is the status rule of Retryable: 408, 409, 429 and 5xx.
func RetryableStatus(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusConflict ||
		status == http.StatusTooManyRequests || (status >= 500 && status <= 599)
}

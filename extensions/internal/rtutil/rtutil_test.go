package rtutil_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

func resp(status int, shouldRetry string) *http.Response {
	h := http.Header{}
	if shouldRetry != "" {
		h.Set("x-should-retry", shouldRetry)
	}
	return &http.Response{StatusCode: status, Header: h}
}

// TestClassifyFollowsRetryable: the breaker and failover count as a failure
// exactly what client.Retryable calls retryable, except the caller's own rate
// (429, rate_limit_error) and conflicts (409); they used to read x-should-retry
// differently from the retry layer (a 529 with "1").
func TestClassifyFollowsRetryable(t *testing.T) {
	t.Parallel()
	for _, status := range []int{200, 400, 404, 408, 409, 429, 500, 503, 529} {
		for _, h := range []string{"", "1", "0", "true", "false"} {
			r := resp(status, h)
			want := rtutil.Success
			if client.Retryable(r, nil) && status != 429 && status != 409 {
				want = rtutil.Failure
			}
			if got := rtutil.Classify(r, nil); got != want {
				t.Errorf("%d x-should-retry %q: %v, want %v", status, h, got, want)
			}
		}
	}
	cases := []struct {
		name string
		err  error
		want rtutil.Outcome
	}{
		{"overloaded event", &client.APIError{StatusCode: 200, MidStream: true, Type: "overloaded_error"}, rtutil.Failure},
		{"rate limit event", &client.APIError{StatusCode: 200, MidStream: true, Type: "rate_limit_error"}, rtutil.Success},
		{"invalid request event", &client.APIError{StatusCode: 200, MidStream: true, Type: "invalid_request_error"}, rtutil.Success},
		{"retries exhausted on a 529", fmt.Errorf("%w %w", client.ErrRetriesExhausted, &client.APIError{StatusCode: 529}), rtutil.Failure},
		{"retries exhausted on a 429", fmt.Errorf("%w %w", client.ErrRetriesExhausted, &client.APIError{StatusCode: 429}), rtutil.Success},
		{"deadline", context.DeadlineExceeded, rtutil.Failure},
		{"cancelled", context.Canceled, rtutil.Ignore},
		{"circuit open", client.ErrCircuitOpen, rtutil.Ignore},
		{"connection reset", fmt.Errorf("read: connection reset by peer"), rtutil.Failure},
	}
	for _, c := range cases {
		if got := rtutil.Classify(nil, c.err); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

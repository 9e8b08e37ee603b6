package apierror_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/claudego/claude/internal/apierror"
)

func TestWrapNamesTheOperationOnce(t *testing.T) {
	t.Parallel()
	cause := errors.New("connection refused")
	ue := &url.Error{Op: "Post", URL: "http://127.0.0.1/v1/messages", Err: cause}
	err := apierror.Wrap("messages.create", ue)
	if got := err.Error(); got != "claude: messages.create: connection refused" {
		t.Errorf("url.Error: %q", got)
	}
	if !errors.Is(err, cause) {
		t.Error("cause lost")
	}
	if again := apierror.Wrap("messages.stream", err); again != err {
		t.Errorf("wrapped twice: %v", again)
	}
	apiErr := &apierror.Error{StatusCode: 529, Type: "overloaded_error", Message: "Overloaded", RequestID: "req_1"}
	// An *Error inside another error gets the operation too, so errors.As
	// finds it named, while the message names it once, at the front.
	outer := apierror.Wrap("messages.stream", &wrapper{msg: "retry: gave up: ", err: apiErr})
	if got, want := outer.Error(), "claude: messages.stream: retry: gave up: 529 overloaded_error: Overloaded (request-id req_1)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if apiErr.Op != "messages.stream" {
		t.Errorf("inner Op %q, want messages.stream", apiErr.Op)
	}
	if apierror.Wrap("x", nil) != nil {
		t.Error("nil wrapped")
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	jerr := json.Unmarshal([]byte("{"), &struct{}{})
	err := apierror.Wrap("models.get", &apierror.DecodeError{What: "response", RequestID: "req_2", Err: jerr})
	var se *json.SyntaxError
	if !errors.Is(err, apierror.ErrDecode) || !errors.As(err, &se) {
		t.Fatalf("%v: sentinel or cause lost", err)
	}
	if got, want := err.Error(), "claude: models.get: decoding response: unexpected end of JSON input (request-id req_2)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestShouldRetryHeader(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]string{"": "nil", "true": "true", "1": "true", "TRUE": "true", "false": "false", "0": "false", "maybe": "nil"} {
		h := http.Header{}
		if v != "" {
			h.Set("x-should-retry", v)
		}
		got := "nil"
		if b := apierror.ShouldRetryHeader(h); b != nil {
			got = fmt.Sprint(*b)
		}
		if got != want {
			t.Errorf("%q: %s, want %s", v, got, want)
		}
	}
}

// wrapper embeds another error's detail in its message, as the retry layer's
// error does.
type wrapper struct {
	msg string
	err error
}

func (w *wrapper) Error() string { return w.msg + apierror.Detail(w.err) }
func (w *wrapper) Unwrap() error { return w.err }

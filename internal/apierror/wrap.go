package apierror

import (
	"errors"
	"net/url"
	"strings"
)

// OpError is an error of one operation that is not an *Error: a transport
// failure, a validation or decoding error, a layer's refusal. It reads
// "claude: OP: what happened" with the operation named once, however many
// layers the error passed, and unwraps to the cause, so errors.Is and
// errors.As see through it.
type OpError struct {
	// Op names the operation, such as "messages.create" or "messages.stream".
	Op string
	// Err is the cause.
	Err error
}

// Error formats as "claude: OP: CAUSE", the cause without a "claude: " or
// operation prefix of its own.
func (e *OpError) Error() string { return "claude: " + e.Op + ": " + Detail(e.Err) }

// Unwrap returns the cause.
func (e *OpError) Unwrap() error { return e.Err }

// Wrap is the one wrapper every operation's error passes through: the method
// names its operation here, once. An *Error gets its Op set (and is returned
// as is, so errors.As finds it at the top); an error already wrapped keeps
// its operation; the *url.Error that http.Client.Do adds is dropped (it only
// repeats the method and URL), keeping its cause. Any *Error inside err gets
// op too, so every error of a call reads the same operation.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue == err {
		err = ue.Err
	}
	if e, ok := err.(*Error); ok {
		if e.Op == "" {
			e.Op = op
		}
		return e
	}
	if oe, ok := err.(*OpError); ok {
		return oe
	}
	if e, ok := As(err); ok && e.Op == "" {
		e.Op = op
	}
	return &OpError{Op: op, Err: err}
}

// Detail returns err's message without the "claude: OP: " prefix that Wrap
// and *Error add, for errors that embed another's text in their own (the
// retry layer's "retries exhausted after 3 attempts: ..."), so the operation
// and the "claude:" prefix appear once in the final message.
func Detail(err error) string {
	switch e := err.(type) {
	case nil:
		return ""
	case *OpError:
		return Detail(e.Err)
	case *Error:
		return e.detail()
	case *url.Error:
		return Detail(e.Err)
	}
	return strings.TrimPrefix(err.Error(), "claude: ")
}

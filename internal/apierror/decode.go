package apierror

import "errors"

// ErrDecode: a 2xx response (or a line of one) is not the JSON its operation
// returns. Sending the request again will not help. Match it with errors.Is,
// never by the message's text.
var ErrDecode = errors.New("claude: response could not be decoded")

// DecodeError is a response body that could not be decoded. It matches
// ErrDecode and unwraps to the decoder's error (a *json.SyntaxError or
// *json.UnmarshalTypeError, say), so both errors.Is and errors.As work.
type DecodeError struct {
	// What names what was being decoded, such as "response" or "line 3".
	What string
	// RequestID is the response's request-id header, when known.
	RequestID string
	// Err is the decoder's error.
	Err error
}

// Error formats as "decoding WHAT: CAUSE (request-id ID)".
func (e *DecodeError) Error() string {
	s := "decoding " + e.What + ": " + Detail(e.Err)
	if e.RequestID != "" {
		s += " (request-id " + e.RequestID + ")"
	}
	return s
}

// Unwrap returns the decoder's error and ErrDecode.
func (e *DecodeError) Unwrap() []error { return []error{e.Err, ErrDecode} }

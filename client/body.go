package client

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// DefaultMaxResponseSize caps a non-streamed reply (WithMaxResponseSize):
// 32 MiB. The API's largest non-streamed replies are Messages with the
// largest output budgets (128k tokens of text and thinking, a few MiB of
// JSON even when every character is escaped) and list pages of at most
// 1000 items; 32 MiB is several times that, and the same as the default cap
// of one streamed event. Streams, batch results and file downloads are read
// incrementally and have caps of their own.
const DefaultMaxResponseSize = 32 << 20

// ErrResponseTooLarge matches a ResponseTooLargeError.
var ErrResponseTooLarge = errors.New("claude: response too large")

// ResponseTooLargeError is returned when a non-streamed reply is larger than
// its cap (WithMaxResponseSize). The body is not kept.
type ResponseTooLargeError struct {
	// Limit is the cap in bytes.
	Limit int64
	// ContentLength is the size the server announced, -1 when it announced
	// none and the body simply ran past the cap.
	ContentLength int64
}

// Error says which limit was passed and how to raise it.
func (e *ResponseTooLargeError) Error() string {
	if e.ContentLength >= 0 {
		return fmt.Sprintf("claude: response body of %d bytes exceeds the %d-byte limit (WithMaxResponseSize)", e.ContentLength, e.Limit)
	}
	return fmt.Sprintf("claude: response body exceeds the %d-byte limit (WithMaxResponseSize)", e.Limit)
}

// Unwrap returns ErrResponseTooLarge.
func (e *ResponseTooLargeError) Unwrap() error { return ErrResponseTooLarge }

// preSizeMax bounds the buffer allocated from Content-Length before any
// byte arrives: a server cannot make the client allocate much by announcing
// a size; past it the buffer grows with the bytes that really come.
const preSizeMax = 1 << 20

// readBody reads a whole non-streamed body of at most limit bytes. A
// Content-Length above the limit fails before reading.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	n := resp.ContentLength
	if n > limit {
		return nil, &ResponseTooLargeError{Limit: limit, ContentLength: n}
	}
	if n <= 0 {
		// No size announced (a chunked reply): io.ReadAll grows by
		// chunks and copies once into a buffer of the final size, about
		// half the bytes a buffer grown by append allocates (append grows
		// large slices by a quarter at a time: 895 KB allocated for a
		// 200 KB reply, against 460 KB).
		buf, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
		if err != nil {
			return nil, err
		}
		if int64(len(buf)) > limit {
			return nil, &ResponseTooLargeError{Limit: limit, ContentLength: -1}
		}
		return buf, nil
	}
	buf := make([]byte, 0, min(n, preSizeMax)+1) // +1: EOF is seen without growing
	r := io.LimitReader(resp.Body, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if int64(len(buf)) > limit {
			return nil, &ResponseTooLargeError{Limit: limit, ContentLength: -1}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

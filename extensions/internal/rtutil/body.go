package rtutil

import (
	"bytes"
	"io"
	"net/http"
)

// PeekBody returns the bytes of req's body without consuming it, and the
// request to send on: req itself when it has GetBody (which the client sets
// on every request it builds), else a clone whose body, GetBody and
// ContentLength replay the bytes read (the caller's request is not changed,
// and its body is closed, as the transport would have).
func PeekBody(req *http.Request) ([]byte, *http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, req, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return nil, req, err
		}
		defer rc.Close()
		b, err := ReadAllSized(rc, req.ContentLength)
		return b, req, err
	}
	b, err := ReadAllSized(req.Body, req.ContentLength)
	_ = req.Body.Close()
	if err != nil {
		return nil, req, err
	}
	r2 := req.Clone(req.Context())
	r2.Body = io.NopCloser(bytes.NewReader(b))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	r2.ContentLength = int64(len(b))
	return b, r2, nil
}

// maxSizedRead is the largest length ReadAllSized trusts to size its
// buffer: a wrong larger one would reserve memory the body never fills.
const maxSizedRead = 64 << 20

// ReadAllSized is io.ReadAll in one allocation when the length n is known
// (a ContentLength; -1 when not): io.ReadAll starts at 512 bytes and grows,
// copying the body several times.
func ReadAllSized(r io.Reader, n int64) ([]byte, error) {
	if n <= 0 || n > maxSizedRead {
		return io.ReadAll(r)
	}
	var buf bytes.Buffer
	buf.Grow(int(n) + bytes.MinRead) // room for the EOF read, so no second allocation
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

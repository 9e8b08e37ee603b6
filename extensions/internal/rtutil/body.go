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
		b, err := io.ReadAll(rc)
		return b, req, err
	}
	b, err := io.ReadAll(req.Body)
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

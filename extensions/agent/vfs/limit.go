package vfs

import "fmt"

type limitError struct {
	base        error
	what        string
	size, limit int64
}

func fmtLimit(base error, what string, size, limit int64) error {
	return &limitError{base: base, what: what, size: size, limit: limit}
}

func (e *limitError) Error() string {
	return fmt.Sprintf("%s: %s would be %d bytes, the limit is %d", e.base, e.what, e.size, e.limit)
}

func (e *limitError) Unwrap() error { return e.base }

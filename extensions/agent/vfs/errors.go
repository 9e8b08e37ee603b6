package vfs

import "errors"

var (
	errIsDir       = errors.New("is a directory")
	errNotDir      = errors.New("not a directory")
	errInvalidMove = errors.New("cannot move a directory into itself or move the root")
	// ErrCrossMount is wrapped by a Rename between two mounts.
	ErrCrossMount = errors.New("rename across mounts")
)

package vfs

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// FS is a filesystem an agent's tools read and change. Names are cleaned
// with Clean; errors are *fs.PathError wrapping fs.ErrNotExist,
// fs.ErrExist, fs.ErrPermission, ErrTooLarge and the like, so errors.Is
// works across implementations.
type FS interface {
	// ReadFile returns the file's content.
	ReadFile(name string) ([]byte, error)
	// WriteFile creates or replaces the file, creating missing parent
	// directories.
	WriteFile(name string, data []byte) error
	// ReadDir lists a directory, sorted by name.
	ReadDir(name string) ([]fs.DirEntry, error)
	// Stat describes a file or directory.
	Stat(name string) (fs.FileInfo, error)
	// Mkdir creates a directory and any missing parents.
	Mkdir(name string) error
	// Remove deletes a file, or a directory with everything in it.
	Remove(name string) error
	// Rename moves a file or directory; the target must not exist.
	Rename(oldname, newname string) error
}

// ErrTooLarge is wrapped by writes that would pass a size limit.
var ErrTooLarge = errors.New("size limit exceeded")

// ErrReadOnly is wrapped by writes to a read-only FS; it matches
// fs.ErrPermission too.
var ErrReadOnly = &readOnlyError{}

type readOnlyError struct{}

func (*readOnlyError) Error() string        { return "read-only file system" }
func (*readOnlyError) Is(target error) bool { return target == fs.ErrPermission }

// Clean returns name as a rooted, clean path ("/a/b"). It refuses an empty
// name, a NUL byte and any ".." element, naming the path in the error.
func Clean(name string) (string, error) {
	if name == "" {
		return "", &fs.PathError{Op: "open", Path: name, Err: errors.New("empty path")}
	}
	if strings.IndexByte(name, 0) >= 0 {
		return "", &fs.PathError{Op: "open", Path: name, Err: errors.New("path contains a NUL byte")}
	}
	for _, el := range strings.Split(name, "/") {
		if el == ".." {
			return "", &fs.PathError{Op: "open", Path: name, Err: errors.New(`".." is not allowed`)}
		}
	}
	return path.Clean("/" + name), nil
}

// Limits bounds sizes; a zero field is no bound.
type Limits struct {
	// MaxFileSize bounds each file, in bytes.
	MaxFileSize int64
	// MaxTotalSize bounds the sum of all file sizes, in bytes.
	MaxTotalSize int64
}

func (l Limits) check(op, name string, size, total int64) error {
	if l.MaxFileSize > 0 && size > l.MaxFileSize {
		return &fs.PathError{Op: op, Path: name, Err: fmtLimit(ErrTooLarge, "file", size, l.MaxFileSize)}
	}
	if l.MaxTotalSize > 0 && total > l.MaxTotalSize {
		return &fs.PathError{Op: op, Path: name, Err: fmtLimit(ErrTooLarge, "file system", total, l.MaxTotalSize)}
	}
	return nil
}

// WalkFiles calls f for every file under root (in name order), with its
// path.
func WalkFiles(fsys FS, root string, f func(name string, info fs.FileInfo) error) error {
	root, err := Clean(root)
	if err != nil {
		return err
	}
	entries, err := fsys.ReadDir(root)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := path.Join(root, e.Name())
		if e.IsDir() {
			if err := WalkFiles(fsys, p, f); err != nil {
				return err
			}
			continue
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if err := f(p, info); err != nil {
			return err
		}
	}
	return nil
}

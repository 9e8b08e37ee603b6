package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is returned for a path that is not a regular file once
// opened: a FIFO, a device, a socket or a directory.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file larger than the cap.
var ErrTooLarge = errors.New("file too large")

// File is what ReadFile read: the bytes and the metadata of the file that
// was opened (not of whatever the path names a moment later).
type File struct {
	Data []byte
	Info fs.FileInfo
}

// ReadFile opens path with Open and reads it with ReadAll.
func ReadFile(path string, limit int64) (File, error) {
	f, fi, err := Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	data, err := ReadAll(f, fi, limit)
	if err != nil {
		return File{}, err
	}
	return File{Data: data, Info: fi}, nil
}

// Open opens path without blocking (O_NONBLOCK where the platform has it, so
// a FIFO cannot stall the open) and checks with fstat that the opened file
// is regular; it returns the file and what fstat said, for the caller to
// check (an owner, say) before reading. Anything but a regular file fails
// with ErrNotRegular; a missing file with an error matching fs.ErrNotExist.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, fi.Mode().Type())
	}
	return f, fi, nil
}

// ReadAll reads the file Open returned, at most limit bytes: a larger file
// fails with ErrTooLarge naming the file (never its content). The buffer
// grows as bytes arrive, and the limit holds even if the file grows after
// fstat.
func ReadAll(f *os.File, fi fs.FileInfo, limit int64) ([]byte, error) {
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: %w: %d bytes, the limit is %d", f.Name(), ErrTooLarge, fi.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w: more than %d bytes", f.Name(), ErrTooLarge, limit)
	}
	return data, nil
}

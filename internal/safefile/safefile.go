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

// ReadFile opens path without blocking (O_NONBLOCK where the platform has
// it, so a FIFO cannot stall the open), checks with fstat that the opened
// file is regular, and reads at most limit bytes. A larger file fails with
// ErrTooLarge, anything but a regular file with ErrNotRegular; both errors
// name the path and never the content. A missing file returns an error
// matching fs.ErrNotExist.
func ReadFile(path string, limit int64) (File, error) {
	f, err := openNonblock(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return File{}, err
	}
	if !fi.Mode().IsRegular() {
		return File{}, fmt.Errorf("%s: %w (mode %s)", path, ErrNotRegular, fi.Mode().Type())
	}
	if fi.Size() > limit {
		return File{}, fmt.Errorf("%s: %w: %d bytes, the limit is %d", path, ErrTooLarge, fi.Size(), limit)
	}
	// The size may change after fstat: read through a limit all the same,
	// growing the buffer only as bytes arrive.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return File{}, fmt.Errorf("%s: %w: more than %d bytes", path, ErrTooLarge, limit)
	}
	return File{Data: data, Info: fi}, nil
}

// openNonblock opens path read-only with O_NONBLOCK where supported.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|oNonblock, 0)
}

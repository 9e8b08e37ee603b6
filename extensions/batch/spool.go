package batch

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
)

// spool holds the create body of the batch being filled as bytes: each
// request is encoded once, as it is read, and its bytes are all the runner
// keeps of it (ARCHITECTURE.md, "Where each job lives": the batch runner).
// The body stays in memory up to limit bytes; past that it moves to a
// temporary file in dir (mode 0600, removed by reset), so a 256 MB batch
// costs a write buffer, not 256 MB of heap. The finished body is read at
// offsets (an io.SectionReader), so the client's retry layer can send it
// again.
type spool struct {
	dir   string
	limit int

	mem   []byte
	f     *os.File
	w     *bufio.Writer
	size  int64 // bytes of the body so far, {"requests":[ included
	count int   // requests in the body
}

const (
	bodyOpen  = `{"requests":[`
	bodyClose = `]}`
	// envelope is the bytes of {"requests":[]} around the items.
	envelope = len(bodyOpen) + len(bodyClose)
	// spoolBuffer is the write buffer of a spool file.
	spoolBuffer = 256 << 10
)

// sizeWith is the finished body's size should one more request of n bytes
// be added.
func (s *spool) sizeWith(n int) int64 {
	if s.count == 0 {
		return int64(envelope + n)
	}
	return s.size + 1 + int64(n) + int64(len(bodyClose))
}

// add appends one encoded request.
func (s *spool) add(item []byte) error {
	sep := ","
	if s.count == 0 {
		sep = bodyOpen
	}
	if err := s.write(nil, sep); err != nil {
		return err
	}
	if err := s.write(item, ""); err != nil {
		return err
	}
	s.count++
	return nil
}

// write appends b, then str, moving the body to a file first when it would
// pass the memory limit.
func (s *spool) write(b []byte, str string) error {
	n := len(b) + len(str)
	if s.f == nil && len(s.mem)+n > s.limit {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.size += int64(n)
	if s.f == nil {
		s.mem = append(append(s.mem, b...), str...)
		return nil
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("batch: spool file: %w", err)
	}
	if _, err := s.w.WriteString(str); err != nil {
		return fmt.Errorf("batch: spool file: %w", err)
	}
	return nil
}

// spill moves the body so far to a new temporary file.
func (s *spool) spill() error {
	f, err := os.CreateTemp(s.dir, "claude-batch-*.json")
	if err != nil {
		return fmt.Errorf("batch: spool file: %w", err)
	}
	if s.w == nil {
		s.w = bufio.NewWriterSize(f, spoolBuffer)
	} else {
		s.w.Reset(f)
	}
	s.f = f
	if _, err := s.w.Write(s.mem); err != nil {
		return fmt.Errorf("batch: spool file: %w", err)
	}
	s.mem = nil
	return nil
}

// body closes the array and returns the finished body, readable at offsets
// until reset.
func (s *spool) body() (*io.SectionReader, error) {
	if err := s.write(nil, bodyClose); err != nil {
		return nil, err
	}
	if s.f == nil {
		return io.NewSectionReader(bytes.NewReader(s.mem), 0, s.size), nil
	}
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("batch: spool file: %w", err)
	}
	return io.NewSectionReader(s.f, 0, s.size), nil
}

// reset drops the body, and its file, for the next batch. The memory is not
// reused: a transport may still read the last body for a moment after the
// create returned (net/http closes request bodies asynchronously), so the
// next body gets its own.
func (s *spool) reset() error {
	var err error
	if s.f != nil {
		err = s.f.Close()
		if rerr := os.Remove(s.f.Name()); err == nil {
			err = rerr
		}
		s.f = nil
	}
	s.mem, s.size, s.count = nil, 0, 0
	if err != nil {
		return fmt.Errorf("batch: spool file: %w", err)
	}
	return nil
}

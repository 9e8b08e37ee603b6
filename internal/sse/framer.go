package sse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
)

// DefaultMaxEventSize is the largest event a Stream accepts unless
// Config.MaxEventSize says otherwise: 32 MiB.
const DefaultMaxEventSize = 32 << 20

// initialBufSize is the read buffer's starting size; it grows (doubling) only
// for a line that does not fit.
const initialBufSize = 4096

// A block is the read buffer and, after it, room for the data of an
// ordinary event, allocated as one: 5376 bytes is the allocator's size class
// above 4096+1024, so the room is what that class leaves. Released Framers
// hand theirs to the next (Release).
type block [5376]byte

var blocks = sync.Pool{New: func() any { return new(block) }}

// ErrEventTooLarge is the error (wrapped with the sizes) of an event larger
// than the Framer's limit; package streaming re-exports it.
var ErrEventTooLarge = errors.New("claude: stream event too large")

// Framer splits a server-sent event stream into events. It reads its source
// in one pass over a reused buffer: each line is examined once, whatever the
// line ends (LF, CRLF, bare CR) and however the bytes were chunked.
type Framer struct {
	r    io.Reader
	max  int
	buf  []byte
	pos  int // next unread byte in buf
	end  int // end of valid bytes in buf
	scan int // bytes after pos already searched for a line end
	eof  bool
	rerr error

	started    bool // the BOM check ran
	dispatched bool // the previous call returned an event: its event: field is spent
	skipLF     bool // the last line ended with CR: a following LF belongs to it
	push       pushSource

	event   []byte // the current event's event: field
	data    []byte // the current event's data lines, each followed by "\n"
	hasData bool
	size    int // bytes of the current event so far, line ends included

	blk    *block   // buf's and data's first backing, until Release
	evRoom [24]byte // event's first backing: every event name the API sends fits
}

// NewFramer returns a Framer reading r. maxEventSize caps one event (its
// lines with their line ends); zero or less means DefaultMaxEventSize.
func NewFramer(r io.Reader, maxEventSize int) *Framer {
	if maxEventSize <= 0 {
		maxEventSize = DefaultMaxEventSize
	}
	f := &Framer{r: r, max: maxEventSize}
	if maxEventSize+2 < initialBufSize {
		f.buf = make([]byte, maxEventSize+2)
	} else {
		// Capacities are capped, so growing either copies out of the block.
		f.blk = blocks.Get().(*block)
		f.buf = f.blk[:initialBufSize:initialBufSize]
		f.data = f.blk[initialBufSize:initialBufSize]
	}
	f.event = f.evRoom[:0]
	return f
}

// Release ends the Framer and hands its first buffers to the next Framer
// made: neither the Framer nor any bytes its Next returned may be used
// after (a Stream calls it once its reading goroutine is done). Next then
// returns io.EOF.
func (f *Framer) Release() {
	if f.blk != nil {
		blocks.Put(f.blk)
		f.blk = nil
	}
	f.buf, f.data, f.event = nil, nil, nil
	f.pos, f.end, f.scan = 0, 0, 0
	f.eof, f.rerr, f.started = true, nil, true
}

// Next returns the next event: the value of its event: field (empty when
// absent) and its data (the data: lines joined with "\n"). Both are valid
// only until the following call. An event without data: lines is skipped, as
// the SSE rules say. At the end of the input Next returns io.EOF; an event
// cut by the end of the input is dropped, so a stream cut mid-event reads as
// ended. An event over the size limit is an error wrapping ErrEventTooLarge
// that names its size.
func (f *Framer) Next() (event, data []byte, err error) {
	if f.dispatched {
		f.event = f.event[:0]
		f.dispatched = false
	}
	for {
		line, err := f.line()
		if err != nil {
			return nil, nil, err
		}
		if len(line) == 0 {
			if f.hasData {
				d := f.data[:len(f.data)-1] // drop the last "\n"
				f.resetEvent()
				f.dispatched = true
				return f.event, d, nil
			}
			f.resetEvent()
			f.event = f.event[:0]
			continue
		}
		f.field(line)
	}
}

func (f *Framer) resetEvent() {
	f.data = f.data[:0]
	f.hasData = false
	f.size = 0
}

// field applies one non-empty line to the current event.
func (f *Framer) field(line []byte) {
	if line[0] == ':' {
		return // comment
	}
	name, value := line, []byte(nil)
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		name, value = line[:i], line[i+1:]
		if len(value) > 0 && value[0] == ' ' {
			value = value[1:]
		}
	}
	switch string(name) {
	case "data":
		f.data = append(f.data, value...)
		f.data = append(f.data, '\n')
		f.hasData = true
	case "event":
		f.event = append(f.event[:0], value...)
	}
	// id, retry and unknown fields are ignored.
}

// line returns the next line without its line end. It is valid until the
// next call.
func (f *Framer) line() ([]byte, error) {
	for {
		if !f.started && !f.checkBOM() {
			if err := f.fill(); err != nil {
				return nil, err
			}
			continue
		}
		if f.skipLF && f.pos < f.end {
			if f.buf[f.pos] == '\n' {
				f.pos++
			}
			f.skipLF = false
			f.scan = 0
		}
		window := f.buf[f.pos:f.end]
		if i := bytes.IndexByte(window[f.scan:], '\n'); i >= 0 {
			i += f.scan
			// A CR before the LF ends the line earlier (bare CR) or is
			// part of a CRLF.
			if j := bytes.IndexByte(window[f.scan:i], '\r'); j >= 0 {
				j += f.scan
				return f.take(j, j+1, true)
			}
			if i > 0 && window[i-1] == '\r' {
				return f.take(i-1, i+1, false)
			}
			return f.take(i, i+1, false)
		}
		if j := bytes.IndexByte(window[f.scan:], '\r'); j >= 0 {
			j += f.scan
			return f.take(j, j+1, true)
		}
		f.scan = len(window)
		if f.size+len(window) > f.max {
			f.size += len(window)
			f.pos = f.end
			return nil, f.tooLarge()
		}
		if err := f.fill(); err != nil {
			if err == io.EOF && f.pos < f.end {
				// A last line without a line end cannot finish an event.
				f.pos = f.end
			}
			return nil, err
		}
	}
}

// take consumes a line of n bytes plus its terminator (next is the offset
// after it), checking the event's size.
func (f *Framer) take(n, next int, cr bool) ([]byte, error) {
	line := f.buf[f.pos : f.pos+n]
	f.size += next
	f.pos += next
	f.scan = 0
	f.skipLF = cr
	if f.size > f.max && n > 0 {
		return nil, f.tooLarge()
	}
	return line, nil
}

// checkBOM drops a leading UTF-8 byte order mark. It reports false while too
// few bytes have arrived to tell.
func (f *Framer) checkBOM() bool {
	bom := []byte{0xEF, 0xBB, 0xBF}
	w := f.buf[f.pos:f.end]
	n := min(len(w), 3)
	if !bytes.Equal(w[:n], bom[:n]) {
		f.started = true
		return true
	}
	if n == 3 {
		f.pos += 3
		f.started = true
		return true
	}
	if f.eof {
		f.started = true
		return true
	}
	return false
}

// fill reads more bytes, compacting or growing the buffer first.
func (f *Framer) fill() error {
	if f.eof {
		if f.rerr != nil {
			return f.rerr
		}
		return io.EOF
	}
	if f.pos > 0 {
		n := copy(f.buf, f.buf[f.pos:f.end])
		f.pos, f.end = 0, n
	}
	if f.end == len(f.buf) {
		nb := make([]byte, min(2*len(f.buf), f.max+2))
		if len(nb) <= len(f.buf) {
			nb = make([]byte, len(f.buf)+initialBufSize)
		}
		copy(nb, f.buf[:f.end])
		f.buf = nb
	}
	for range 100 {
		n, err := f.r.Read(f.buf[f.end:])
		f.end += n
		if err == ErrMore {
			if n > 0 {
				return nil
			}
			return err
		}
		if err != nil {
			f.eof = true
			if err != io.EOF {
				f.rerr = err
			}
			if n > 0 {
				return nil
			}
			if f.rerr != nil {
				return f.rerr
			}
			return io.EOF
		}
		if n > 0 {
			return nil
		}
	}
	f.eof, f.rerr = true, io.ErrNoProgress
	return f.rerr
}

// tooLarge ends the Framer on an oversized event. It reads nothing more:
// a hostile server could otherwise make it read on (up to any bound) just
// to measure the event, so the error says "at least" the bytes seen.
func (f *Framer) tooLarge() error {
	size := f.size
	f.resetEvent()
	f.eof, f.rerr = true, nil
	f.pos, f.end, f.scan, f.skipLF = 0, 0, 0, false
	return fmt.Errorf("%w: an event of at least %d bytes exceeds the limit of %d bytes", ErrEventTooLarge, size, f.max)
}

// Ended reports whether the source has ended (or failed): nothing more will
// be read from it.
func (f *Framer) Ended() bool { return f.eof }

// ErrMore is what Next returns on a Framer made by NewPushFramer when the
// bytes fed so far hold no further complete event; Feed more and call Next
// again. The Framer keeps its state across it.
var ErrMore = errors.New("sse: more input needed")

// NewPushFramer returns a Framer that frames the bytes given to Feed instead
// of reading a source: for a layer that watches bytes passing through it to
// their reader. End marks the end of the input (err nil for a clean EOF).
func NewPushFramer(maxEventSize int) *Framer {
	f := NewFramer(nil, maxEventSize)
	f.r = &f.push
	return f
}

// Feed queues p (which must stay unchanged until Next returns ErrMore) for
// Next.
func (f *Framer) Feed(p []byte) { f.push.b = p }

// End marks the end of the pushed input: after the bytes fed, Next returns
// err (io.EOF when err is nil).
func (f *Framer) End(err error) {
	if err == nil {
		err = io.EOF
	}
	f.push.end = err
}

// pushSource serves what Feed queued, then ErrMore (or the end).
type pushSource struct {
	b   []byte
	end error
}

func (p *pushSource) Read(b []byte) (int, error) {
	if len(p.b) == 0 {
		if p.end != nil {
			return 0, p.end
		}
		return 0, ErrMore
	}
	n := copy(b, p.b)
	p.b = p.b[n:]
	return n, nil
}
